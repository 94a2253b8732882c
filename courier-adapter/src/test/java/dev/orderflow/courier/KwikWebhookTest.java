package dev.orderflow.courier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierLocationEvent;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.platform.security.JwtTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /webhooks/kwik against real PostgreSQL and Kafka: forged, malformed, duplicate, out of order, unmatched. */
class KwikWebhookTest extends CourierAdapterTestBase {

    private static final AtomicLong JOB_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MeterRegistry metrics;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void forgedCallbacksAreRejectedWith401AndNotStored() {
        String jobId = newJobId();
        String body = callback(jobId, 0, newOrderId());
        for (String query : List.of("", "?token=wrong", "?token=" + SECRET + "x", "?token=")) {
            Response response = postWebhook(query, body);
            assertThat(response.status()).as(query).isEqualTo(401);
            assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.body()).contains("\"code\":\"UNAUTHORIZED\"");
        }
        assertThat(storedCallbacks(jobId)).isZero();
    }

    @Test
    void malformedCallbacksAreRejectedWith400AndNotStored() {
        String jobId = newJobId();
        List<String> malformed = List.of(
                "{not json",
                "[1, 2]",
                "",
                "{\"job_status\": 1, \"order_id\": \"o\"}",
                "{\"job_id\": " + jobId + "}",
                "{\"job_id\": " + jobId + ", \"job_status\": \"started\"}",
                "{\"job_id\": " + jobId + ", \"job_status\": 1.5}");
        for (String body : malformed) {
            Response response = postWebhook(body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.body()).contains("\"code\":\"VALIDATION_FAILED\"");
        }
        assertThat(storedCallbacks(jobId)).isZero();
    }

    @Test
    void publishesTheNormalisedStatusAndLocationAsCloudEvents() {
        String orderId = newOrderId();
        String jobId = newJobId();
        Map<String, Object> body = fields(jobId, 0, orderId);
        body.put("fleet_name", "Tunde Bakare");
        body.put("fleet_phone", "+2348030000001");
        body.put("fleet_latitude", 6.45);
        body.put("fleet_longitude", 3.39);
        body.put("timestamp", "2026-11-23T03:05:12Z");

        Response response = postWebhook(json.writeValueAsString(body));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"outcome\":\"PUBLISHED\"");
        assertThat(storedCallbacks(jobId)).isOne();

        ConsumerRecord<String, byte[]> record = events().awaitRecords(Topics.COURIER_EVENTS, orderId, 1).getFirst();
        assertThat(CourierEvents.header(record, "ce_type")).isEqualTo("courier.status");
        assertThat(CourierEvents.header(record, "ce_subject")).isEqualTo(orderId);
        assertThat(CourierEvents.header(record, "ce_source")).isEqualTo("/courier-adapter");
        assertThat(CourierEvents.header(record, "ce_id")).isNotBlank();
        assertThat(CourierEvents.header(record, "traceparent")).startsWith("00-");
        CourierStatusEvent event = json.readValue(record.value(), CourierStatusEvent.class);
        assertThat(event.provider()).isEqualTo("KWIK");
        assertThat(event.providerJobId()).isEqualTo(jobId);
        assertThat(event.orderId()).isEqualTo(orderId);
        assertThat(event.status()).isEqualTo(DispatchStatus.ASSIGNED);
        assertThat(event.providerStatus()).isEqualTo("0");
        assertThat(event.driver().name()).isEqualTo("Tunde Bakare");
        assertThat(event.driver().phone()).isEqualTo("+2348030000001");
        assertThat(event.occurredAt()).isEqualTo("2026-11-23T03:05:12Z");

        ConsumerRecord<String, byte[]> located = events().awaitRecords(Topics.COURIER_LOCATIONS, orderId, 1).getFirst();
        assertThat(CourierEvents.header(located, "ce_type")).isEqualTo("courier.location");
        CourierLocationEvent location = json.readValue(located.value(), CourierLocationEvent.class);
        assertThat(location.lat()).isEqualTo(6.45);
        assertThat(location.lng()).isEqualTo(3.39);
    }

    @Test
    void aDuplicateIsAcknowledgedButNotPublishedAgain() {
        String orderId = newOrderId();
        String jobId = newJobId();
        String assigned = callback(jobId, 0, orderId);
        assertThat(postWebhook(assigned).body()).contains("PUBLISHED");
        Response repeat = postWebhook(assigned);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).contains("\"outcome\":\"DUPLICATE\"");
        assertThat(storedCallbacks(jobId)).isOne();

        // a later distinct callback on the same key (same partition) proves nothing was published in between
        assertThat(postWebhook(callback(jobId, 1, orderId)).body()).contains("PUBLISHED");
        List<CourierStatusEvent> published = events().statuses(orderId, 2);
        assertThat(published).extracting(CourierStatusEvent::providerStatus).containsExactly("0", "1");
    }

    @Test
    void concurrentRepeatsOfOneCallbackPublishItOnce() throws Exception {
        String orderId = newOrderId();
        String jobId = newJobId();
        String body = callback(jobId, 0, orderId);
        List<Callable<String>> posts = java.util.Collections.nCopies(6, () -> postWebhook(body).body());
        List<String> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<String> outcome : pool.invokeAll(posts)) {
                outcomes.add(outcome.get());
            }
        }
        assertThat(outcomes).filteredOn(o -> o.contains("PUBLISHED")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.contains("DUPLICATE")).hasSize(5);
        postWebhook(callback(jobId, 1, orderId));
        assertThat(events().statuses(orderId, 2)).extracting(CourierStatusEvent::providerStatus).containsExactly("0", "1");
    }

    @Test
    void outOfOrderCallbacksAreEachPublishedInArrivalOrder() {
        String orderId = newOrderId();
        String jobId = newJobId();
        postWebhook(callback(jobId, 4, orderId));
        postWebhook(callback(jobId, 1, orderId));
        postWebhook(callback(jobId, 2, orderId));
        // the adapter does not own dispatch state: dispatch-service drops the late PICKED_UP (forward only)
        assertThat(events().statuses(orderId, 3)).extracting(CourierStatusEvent::status)
                .containsExactly(DispatchStatus.IN_TRANSIT, DispatchStatus.PICKED_UP, DispatchStatus.DELIVERED);
    }

    @Test
    void anUnknownStatusCodeIsKeptButNotPublished() {
        String jobId = newJobId();
        Response response = postWebhook(callback(jobId, 5, newOrderId()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"outcome\":\"UNKNOWN_STATUS\"");
        assertThat(jdbc.sql("SELECT raw_body FROM webhook_inbox WHERE job_id = ?").param(jobId)
                .query(String.class).single()).contains("\"job_status\":5");
    }

    @Test
    void aCallbackWithoutOrderIdIsKeptAndReportedToStaff() throws Exception {
        String jobId = newJobId();
        Response response = postWebhook(callback(jobId, 0, null));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"outcome\":\"UNMATCHED\"");
        assertThat(metrics.get("courier.webhooks.unmatched").gauge().value()).isGreaterThanOrEqualTo(1);
        String scrape = org.springframework.web.client.RestClient.create("http://localhost:" + managementPort)
                .get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(scrape).contains("courier_webhooks_unmatched").contains("outcome=\"UNMATCHED\"");

        String staff = JwtTokens.issue(jwtSecret, "staff-1", List.of("STAFF"), Duration.ofMinutes(5));
        JsonNode report = json.readTree(http.get().uri("/webhooks/kwik/unmatched").header("Authorization", "Bearer " + staff)
                .retrieve().body(String.class));
        assertThat(report.findValuesAsString("jobId")).contains(jobId);

        String customer = JwtTokens.issue(jwtSecret, "customer-1", List.of("CUSTOMER"), Duration.ofMinutes(5));
        assertThat(statusOf("/webhooks/kwik/unmatched", customer)).isEqualTo(403);
        assertThat(statusOf("/webhooks/kwik/unmatched", null)).isEqualTo(401);
    }

    @Test
    void oversizedCallbacksAreRefusedUnreadWhateverTheirToken() {
        String jobId = newJobId();
        String huge = "{\"job_id\": " + jobId + ", \"job_status\": 0, \"pad\": \"" + "x".repeat(200_000) + "\"}";
        for (String query : List.of("?token=wrong", "?token=" + SECRET)) {
            Response response = postWebhook(query, huge);
            assertThat(response.status()).as(query).isEqualTo(413);
            assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        }
        assertThat(storedCallbacks(jobId)).isZero();
    }

    @Test
    void hostileCourierTextIsBoundedAndIdsAreChecked() throws Exception {
        String orderId = newOrderId();
        String jobId = newJobId();
        Map<String, Object> body = fields(jobId, 0, orderId);
        body.put("fleet_name", "<img src=x onerror=alert(1)>\u0000" + "n".repeat(5000));
        body.put("fleet_phone", "+234\u0007803");
        body.put("fleet_latitude", 91.5);
        body.put("fleet_longitude", 3.39);
        assertThat(postWebhook(json.writeValueAsString(body)).status()).isEqualTo(200);
        CourierStatusEvent event = events().statuses(orderId, 1).getFirst();
        // kept as text (pages render it as text), without control characters, cut to 200 characters
        assertThat(event.driver().name()).startsWith("<img src=x onerror=alert(1)>nnn").hasSize(200);
        assertThat(event.driver().phone()).isEqualTo("+234803");

        for (String badId : List.of("\"" + "9".repeat(65) + "\"", "\"12\\u000034\"")) {
            String jobRef = "{\"job_id\": " + badId + ", \"job_status\": 0}";
            Response response = postWebhook(jobRef);
            assertThat(response.status()).as(jobRef).isEqualTo(400);
            assertThat(response.body()).contains("VALIDATION_FAILED");
        }
        Response badOrder = postWebhook("{\"job_id\": " + newJobId() + ", \"job_status\": 0, \"order_id\": \""
                + "o".repeat(65) + "\"}");
        assertThat(badOrder.status()).isEqualTo(400);
    }

    private int statusOf(String path, String token) {
        var request = http.get().uri(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.exchange((req, res) -> res.getStatusCode().value());
    }

    private static String newJobId() {
        return String.valueOf(JOB_IDS.incrementAndGet());
    }

    private Map<String, Object> fields(String jobId, int status, String orderId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", Long.parseLong(jobId));
        body.put("job_status", status);
        if (orderId != null) {
            body.put("order_id", orderId);
        }
        body.put("timestamp", "2026-11-23T03:00:0" + status + "Z");
        return body;
    }

    private String callback(String jobId, int status, String orderId) {
        return json.writeValueAsString(fields(jobId, status, orderId));
    }
}
