package dev.orderflow.courier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.kwiksandbox.KwikSandboxApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kwik sandbox (in this JVM, on its own port) books a task and calls the adapter back over
 * HTTP, including with its faults: duplicated and reordered callbacks, a forged token.
 */
class SandboxToAdapterTest extends CourierAdapterTestBase {

    private static ConfigurableApplicationContext sandbox;
    private static RestClient kwik;

    private String token;

    @BeforeEach
    void startSandbox() {
        if (sandbox == null) {
            sandbox = KwikSandboxApplication.inProcess(webhookUrl(SECRET));
            int sandboxPort = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
            kwik = RestClient.builder().baseUrl("http://localhost:" + sandboxPort)
                    .defaultHeader("X-Sandbox-Key", "sandbox-password").build();
        }
        post("/sandbox/reset", null);
        token = post("/vendor_login", Map.of("domain_name", "staging", "email", "merchant@orderflow.dev",
                "password", "sandbox-password", "api_login", 1)).at("/data/access_token").asString();
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    @Test
    void aBookedTaskRunsItsTimelineIntoNormalisedEvents() {
        String orderId = newOrderId();
        long jobId = book(orderId);
        for (int step = 0; step < 4; step++) {
            post("/sandbox/tasks/" + jobId + "/advance", null);
        }
        List<CourierStatusEvent> published = events().statuses(orderId, 4);
        assertThat(published).extracting(CourierStatusEvent::status).containsExactly(
                DispatchStatus.ASSIGNED, DispatchStatus.PICKED_UP, DispatchStatus.IN_TRANSIT, DispatchStatus.DELIVERED);
        assertThat(published).extracting(CourierStatusEvent::providerStatus).containsExactly("0", "1", "4", "2");
        assertThat(published).allSatisfy(event -> {
            assertThat(event.providerJobId()).isEqualTo(String.valueOf(jobId));
            assertThat(event.driver().name()).isNotBlank();
            assertThat(event.driver().phone()).startsWith("+234");
        });
        assertThat(events().awaitRecords("courier.locations", orderId, 4)).hasSize(4);
        assertThat(callbackStatuses()).containsOnly(200);
    }

    @Test
    void duplicatedAndReorderedCallbacksArePublishedOnceEachInArrivalOrder() {
        String orderId = newOrderId();
        long jobId = book(orderId);
        put("/sandbox/faults", Map.of("duplicateCallbacks", 1, "holdCallbacks", true));
        post("/sandbox/tasks/" + jobId + "/advance", null);
        post("/sandbox/tasks/" + jobId + "/advance", null);
        assertThat(post("/sandbox/callbacks/release?order=REVERSE", null).get("released").asInt()).isEqualTo(4);

        await().atMost(Duration.ofSeconds(20)).until(() -> callbackStatuses().size() == 4);
        assertThat(callbackStatuses()).containsOnly(200);
        assertThat(storedCallbacks(String.valueOf(jobId))).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE job_id = ? AND outcome = 'PUBLISHED'")
                .param(String.valueOf(jobId)).query(Long.class).single()).isEqualTo(2);

        // a third, in-order step proves no duplicate was published before it
        put("/sandbox/faults", Map.of("duplicateCallbacks", 0));
        post("/sandbox/tasks/" + jobId + "/advance", null);
        assertThat(events().statuses(orderId, 3)).extracting(CourierStatusEvent::status)
                .containsExactly(DispatchStatus.PICKED_UP, DispatchStatus.ASSIGNED, DispatchStatus.IN_TRANSIT);
    }

    @Test
    void aCallbackWithAForgedTokenIsRefusedAndNotStored() {
        long jobId = book(newOrderId());
        put("/sandbox/settings", Map.of("webhookUrl", webhookUrl("forged")));
        post("/sandbox/tasks/" + jobId + "/advance", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> callbackStatuses().size() == 1);
        assertThat(callbackStatuses()).containsExactly(401);
        assertThat(storedCallbacks(String.valueOf(jobId))).isZero();

        put("/sandbox/settings", Map.of("webhookUrl", webhookUrl(SECRET)));
        post("/sandbox/tasks/" + jobId + "/callback", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> callbackStatuses().size() == 2);
        assertThat(callbackStatuses()).containsExactly(401, 200);
        assertThat(storedCallbacks(String.valueOf(jobId))).isOne();
    }

    private String webhookUrl(String secret) {
        return "http://localhost:" + port + "/webhooks/kwik?token=" + secret;
    }

    private long book(String orderId) {
        JsonNode created = post("/v2/create_task_via_vendor", Map.of(
                "access_token", token, "vendor_id", 4242, "domain_name", "staging", "order_id", orderId,
                "pickups", List.of(Map.of("address", "12 Marina, Lagos", "latitude", 6.45, "longitude", 3.39)),
                "deliveries", List.of(Map.of("address", "3 Allen Ave, Ikeja", "latitude", 6.60, "longitude", 3.35)),
                "has_pickup", 1, "has_delivery", 1, "auto_assignment", 1));
        assertThat(created.get("status").asInt()).isEqualTo(200);
        return created.at("/data/deliveries/0/job_id").asLong();
    }

    /** The HTTP status the adapter answered to each callback, in the sandbox's log order. */
    private List<Integer> callbackStatuses() {
        JsonNode log = kwik.get().uri("/sandbox/callbacks").retrieve().body(JsonNode.class);
        return log.valueStream().map(attempt -> attempt.path("httpStatus").asInt(-1)).toList();
    }

    private JsonNode post(String path, Object body) {
        var request = kwik.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.body(body);
        }
        return request.retrieve().body(JsonNode.class);
    }

    private void put(String path, Object body) {
        kwik.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }
}
