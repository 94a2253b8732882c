package dev.orderflow.kwiksandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox over real HTTP, with a real merchant endpoint receiving its callbacks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "orderflow.kwik.sandbox.auto-advance=false")
class KwikSandboxTest {

    private static final CallbackReceiver merchant = newReceiver();

    @LocalServerPort
    int port;

    RestClient http;
    String token;

    @BeforeEach
    void setUp() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-Sandbox-Key", "sandbox-password").build();
        post("/sandbox/reset", null);
        http.put().uri("/sandbox/settings").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("webhookUrl", merchant.url())).retrieve().toBodilessEntity();
        merchant.clear();
        JsonNode login = post("/vendor_login", Map.of("domain_name", "staging", "email", "merchant@orderflow.dev",
                "password", "sandbox-password", "api_login", 1));
        assertThat(login.get("status").asInt()).isEqualTo(200);
        assertThat(login.at("/data/vendor_details/vendor_id").asLong()).isEqualTo(4242);
        token = login.at("/data/access_token").asString();
    }

    @AfterAll
    static void stopMerchant() {
        merchant.close();
    }

    @Test
    void quotesBooksAndReportsTaskStatus() {
        JsonNode quote = post("/send_payment_for_task", booking("order-1"));
        assertThat(quote.get("status").asInt()).isEqualTo(200);
        assertThat(quote.at("/data/per_task_cost").asDouble()).isGreaterThan(1000);

        JsonNode created = post("/v2/create_task_via_vendor", booking("order-1"));
        assertThat(created.get("status").asInt()).isEqualTo(200);
        assertThat(created.at("/data/unique_order_id").asString()).startsWith("KWK");
        long jobId = created.at("/data/deliveries/0/job_id").asLong();
        assertThat(created.at("/data/pickups/0/job_id").asLong()).isNotEqualTo(jobId);

        JsonNode status = http.get().uri("/get_task_status?access_token={t}&job_id={j}", token, jobId)
                .retrieve().body(JsonNode.class);
        assertThat(status.get("status").asInt()).isEqualTo(200);
        assertThat(status.at("/data/job_status").asInt()).isEqualTo(6);
        assertThat(status.at("/data/order_id").asString()).isEqualTo("order-1");

        assertThat(post("/create_task_via_vendor", booking("order-2")).get("status").asInt())
                .as("the older path books too").isEqualTo(200);
    }

    @Test
    void findsTheTasksOfAnOrderByOurReferenceEvenWhenTheBookingReplyWasLost() {
        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("loseBookingReplies", 1)).retrieve().toBodilessEntity();
        int lost = http.post().uri("/v2/create_task_via_vendor").contentType(MediaType.APPLICATION_JSON)
                .body(booking("order-lost")).exchange((req, res) -> res.getStatusCode().value());
        assertThat(lost).isEqualTo(504);
        book("order-other");

        JsonNode found = post("/v2/get_job_details_by_order_id", Map.of("access_token", token, "vendor_id", 4242,
                "domain_name", "staging", "order_ids", List.of("order-lost")));
        assertThat(found.get("status").asInt()).isEqualTo(200);
        assertThat(found.get("data").valueStream().map(t -> t.get("order_id").asString()).distinct().toList())
                .containsExactly("order-lost");
        assertThat(found.get("data").valueStream().map(t -> t.get("job_type").asInt()).toList()).containsExactly(0, 1);
        assertThat(found.at("/data/1/job_status").asInt()).isEqualTo(6);

        JsonNode none = post("/v2/get_job_details_by_order_id", Map.of("access_token", token, "vendor_id", 4242,
                "domain_name", "staging", "order_ids", List.of("never-booked")));
        assertThat(none.get("data").isEmpty()).isTrue();
        assertThat(post("/v2/get_job_details_by_order_id", Map.of("access_token", token, "vendor_id", 4242,
                "domain_name", "staging")).get("status").asInt()).as("order_ids missing").isEqualTo(100);
    }

    @Test
    void refusesWithBodyStatusesLikeKwik() {
        JsonNode wrongLogin = post("/vendor_login", Map.of("domain_name", "d", "email", "merchant@orderflow.dev",
                "password", "nope", "api_login", 1));
        assertThat(wrongLogin.get("status").asInt()).isEqualTo(101);

        Map<String, Object> noToken = new java.util.HashMap<>(booking("order-1"));
        noToken.remove("access_token");
        assertThat(post("/v2/create_task_via_vendor", noToken).get("status").asInt()).isEqualTo(100);

        post("/sandbox/tokens/expire", null);
        assertThat(post("/v2/create_task_via_vendor", booking("order-1")).get("status").asInt()).isEqualTo(101);

        JsonNode unknown = http.get().uri("/get_task_status?access_token={t}&job_id=1", token).retrieve().body(JsonNode.class);
        assertThat(unknown.get("status").asInt()).isEqualTo(101);
    }

    @Test
    void advancesThroughTheTimelineAndSendsOneCallbackPerStep() {
        long jobId = book("order-7");
        for (int step = 0; step < 4; step++) {
            post("/sandbox/tasks/" + jobId + "/advance", null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.received().size() == 4);
        assertThat(merchant.statuses()).containsExactly(0, 1, 4, 2);
        CallbackReceiver.Received assigned = merchant.received().getFirst();
        assertThat(assigned.query()).isEqualTo("token=s3cret");
        assertThat(assigned.body().get("job_id").asLong()).isEqualTo(jobId);
        assertThat(assigned.body().get("order_id").asString()).isEqualTo("order-7");
        assertThat(assigned.body().get("fleet_name").asString()).isNotBlank();
        assertThat(assigned.body().get("fleet_phone").asString()).startsWith("+234");
        assertThat(assigned.body().has("fleet_latitude")).isTrue();
        assertThat(assigned.body().get("timestamp").asString()).endsWith("Z");

        JsonNode pickupJob = http.get().uri("/sandbox/tasks/{id}", jobId - 1).retrieve().body(JsonNode.class);
        assertThat(pickupJob.get("job_status").asInt()).as("pickup done once picked up").isEqualTo(2);
        int atTheEnd = http.post().uri("/sandbox/tasks/{id}/advance", jobId)
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(atTheEnd).isEqualTo(409);
    }

    @Test
    void runsTheTimelineByItselfWhenAutoAdvanceIsOn() {
        http.put().uri("/sandbox/settings").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("autoAdvance", true, "stepDelayMillis", 20)).retrieve().toBodilessEntity();
        long jobId = book("order-auto");
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.received().size() == 4);
        assertThat(merchant.statuses()).containsExactly(0, 1, 4, 2);
        JsonNode task = http.get().uri("/sandbox/tasks/{id}", jobId).retrieve().body(JsonNode.class);
        assertThat(task.get("job_status").asInt()).isEqualTo(2);
    }

    @Test
    void failsTheNextBookingsOnCommand() {
        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("failBookings", 2)).retrieve().toBodilessEntity();
        assertThat(post("/v2/create_task_via_vendor", booking("o")).get("status").asInt()).isEqualTo(404);

        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("failMode", "HTTP_500")).retrieve().toBodilessEntity();
        int httpStatus = http.post().uri("/v2/create_task_via_vendor").contentType(MediaType.APPLICATION_JSON)
                .body(booking("o")).exchange((req, res) -> res.getStatusCode().value());
        assertThat(httpStatus).isEqualTo(500);

        assertThat(post("/v2/create_task_via_vendor", booking("o")).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void duplicatesDropsAndReordersCallbacks() {
        long jobId = book("order-9");
        faults(Map.of("duplicateCallbacks", 1));
        post("/sandbox/tasks/" + jobId + "/advance", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.received().size() == 2);
        assertThat(merchant.statuses()).containsExactly(0, 0);
        assertThat(merchant.received().get(0).body()).isEqualTo(merchant.received().get(1).body());

        merchant.clear();
        faults(Map.of("duplicateCallbacks", 0, "holdCallbacks", true));
        post("/sandbox/tasks/" + jobId + "/advance", null);
        post("/sandbox/tasks/" + jobId + "/advance", null);
        assertThat(post("/sandbox/callbacks/release?order=REVERSE", null).get("released").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.received().size() == 2);
        assertThat(merchant.statuses()).containsExactly(4, 1);

        merchant.clear();
        faults(Map.of("dropCallbacks", 1));
        post("/sandbox/tasks/" + jobId + "/advance", null);
        post("/sandbox/tasks/" + jobId + "/callback", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.received().size() == 1);
        assertThat(merchant.statuses()).as("the first 2 was dropped, the resend arrived").containsExactly(2);
        List<?> log = http.get().uri("/sandbox/callbacks").retrieve().body(List.class);
        assertThat(log.toString()).contains("dropped").doesNotContain("s3cret");
    }

    @Test
    void cancelsOnlyBeforePickup() {
        long first = book("order-c1");
        post("/sandbox/tasks/" + first + "/advance", null);
        JsonNode cancelled = post("/cancel_vendor_task", cancel(first));
        assertThat(cancelled.get("status").asInt()).isEqualTo(200);
        assertThat(cancelled.at("/data/job_status").asInt()).isEqualTo(9);
        assertThat(post("/cancel_vendor_task", cancel(first)).get("status").asInt()).as("idempotent").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.statuses().contains(9));

        long second = book("order-c2");
        post("/sandbox/tasks/" + second + "/advance", null);
        post("/sandbox/tasks/" + second + "/advance", null);
        assertThat(post("/cancel_vendor_task", cancel(second)).get("status").asInt()).isEqualTo(404);
    }

    private long book(String orderId) {
        return post("/v2/create_task_via_vendor", booking(orderId)).at("/data/deliveries/0/job_id").asLong();
    }

    private void faults(Map<String, Object> patch) {
        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON).body(patch).retrieve().toBodilessEntity();
    }

    private Map<String, Object> cancel(long jobId) {
        return Map.of("access_token", token, "vendor_id", 4242, "domain_name", "staging", "job_id", jobId, "job_status", 9);
    }

    private Map<String, Object> booking(String orderId) {
        return Map.of("access_token", token, "vendor_id", 4242, "domain_name", "staging", "order_id", orderId,
                "pickups", List.of(Map.of("address", "12 Marina, Lagos", "name", "Shop", "latitude", 6.45,
                        "longitude", 3.39, "phone", "+2348000000001")),
                "deliveries", List.of(Map.of("address", "3 Allen Ave, Ikeja", "name", "Ada", "latitude", 6.60,
                        "longitude", 3.35, "phone", "+2348000000002")),
                "has_pickup", 1, "has_delivery", 1, "auto_assignment", 1);
    }

    @Test
    void theControlApiNeedsItsKeyAndTrackingLinksDoNot() {
        RestClient anonymous = RestClient.create("http://localhost:" + port);
        for (String path : List.of("/sandbox/settings", "/sandbox/tasks", "/sandbox/faults", "/sandbox/callbacks")) {
            int status = anonymous.get().uri(path).exchange((req, res) -> res.getStatusCode().value());
            assertThat(status).as(path).isEqualTo(401);
        }
        int wrong = anonymous.get().uri("/sandbox/settings").header("X-Sandbox-Key", "guess")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(wrong).isEqualTo(401);
        int tracking = anonymous.get().uri("/sandbox/track/nothing").exchange((req, res) -> res.getStatusCode().value());
        assertThat(tracking).as("customers' tracking links are not behind the key").isNotEqualTo(401);
    }

    private JsonNode post(String path, Object body) {
        var request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.body(body);
        }
        return request.retrieve().body(JsonNode.class);
    }

    private static CallbackReceiver newReceiver() {
        try {
            return new CallbackReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
