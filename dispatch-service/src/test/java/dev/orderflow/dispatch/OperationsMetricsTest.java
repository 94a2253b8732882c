package dev.orderflow.dispatch;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator scrapes from a service with an outbox and a consumer group, with plausible values. */
class OperationsMetricsTest extends DispatchTestBase {

    @Test
    void prometheusShowsRelayLagSlotWalAndConsumerGroupLagAndReadinessIncludesTheRelay() {
        bookedOrder(UUID.randomUUID().toString()); // one orders.events record consumed, one dispatch.events relayed
        publishGarbage("orders.events", UUID.randomUUID().toString()); // dead-lettered at once

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "outbox_relay_lag_seconds_count", "")).isGreaterThanOrEqualTo(1);
            double mean = value(metrics, "outbox_relay_lag_seconds_sum", "") / value(metrics, "outbox_relay_lag_seconds_count", "");
            assertThat(mean).as("commit → Kafka ack in seconds").isBetween(0.0, 30.0);
            assertThat(value(metrics, "outbox_published_total", "topic=\"dispatch.events\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "outbox_slot_retained_wal_bytes", "")).isBetween(0.0, 1e9);
            assertThat(value(metrics, "outbox_relay_failing_seconds", "")).isZero();
            assertThat(value(metrics, "outbox_parked_events", "")).isZero();
            assertThat(value(metrics, "kafka_consumer_group_lag", "group=\"dispatch-service-gate\",topic=\"orders.events\""))
                    .as("the group has consumed what was published").isBetween(0.0, 1000.0);
            assertThat(value(metrics, "kafka_dead_letters_total", "topic=\"orders.events\"")).isGreaterThanOrEqualTo(1);
        });

        JsonNode readiness = json.readTree(management().get().uri("/actuator/health/readiness").retrieve().body(String.class));
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
    }

    private String scrape() {
        return management().get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    private org.springframework.web.client.RestClient management() {
        return org.springframework.web.client.RestClient.create("http://localhost:" + managementPort);
    }

    /** The sample of {@code name} whose labels contain {@code labels}. */
    private static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$").matcher(metrics);
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + "{" + labels + "} not in the scrape");
    }
}
