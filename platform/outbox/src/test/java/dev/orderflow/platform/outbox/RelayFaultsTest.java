package dev.orderflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;

/** A poison event is parked and the relay moves on; a relay stuck on Kafka makes the service not ready. */
@SpringBootTest
@AutoConfigureTracing
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class RelayFaultsTest {

    @Autowired OutboxWriter outbox;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired DebeziumOutboxRelay relay;
    @Autowired OutboxRelayHealthIndicator health;
    @Autowired MeterRegistry meters;
    @Value("${spring.datasource.url}") String jdbcUrl;

    @Test
    void anEventTheBrokerRefusesIsParkedAndTheEventsAfterItStillGoOut() {
        String topic = "outbox.test.poison";
        String poisonOrder = UUID.randomUUID().toString();
        String laterOrder = UUID.randomUUID().toString();
        String poisonId = tx.execute(s -> outbox.append(topic, "order.updated", poisonOrder,
                Map.of("blob", "x".repeat(2 * 1024 * 1024)))); // 2 MB: above the broker's 1 MB limit
        tx.executeWithoutResult(s -> outbox.append(topic, "order.updated", laterOrder, Map.of("n", 1)));

        try (OutboxTopic reader = new OutboxTopic(topic)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    r -> r.stream().anyMatch(c -> laterOrder.equals(c.key())), Duration.ofSeconds(60));
            assertThat(records).extracting(ConsumerRecord::key).containsExactly(laterOrder);
        }
        Map<String, Object> row = jdbc.sql("SELECT topic, aggregate_id, error, length(payload) AS size FROM outbox_parked WHERE id = ?")
                .param(UUID.fromString(poisonId)).query().singleRow();
        assertThat(row.get("topic")).isEqualTo(topic);
        assertThat(row.get("aggregate_id")).isEqualTo(poisonOrder);
        assertThat((String) row.get("error")).startsWith("RecordTooLargeException");
        assertThat((Integer) row.get("size")).isGreaterThan(2 * 1024 * 1024);
        assertThat(meters.get("outbox.parked").tag("topic", topic).counter().count()).isEqualTo(1);
        assertThat(meters.get("outbox.parked.events").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(relay.lastFailure()).isNull();
    }

    @Test
    void aRelayWaitingOnKafkaLongerThanTheThresholdIsDownAndUpAgainOnceKafkaAnswers() {
        // a second relay on its own slot whose "Kafka" never answers until told (kafka-clients' MockProducer)
        MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        var db = DebeziumOutboxRelay.DatabaseEndpoint.of(jdbcUrl, "postgres", "postgres");
        var properties = new OutboxRelayProperties(true, "/stuck-test", "stuck_test_outbox", Duration.ofMillis(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(2));
        DebeziumOutboxRelay stuck = new DebeziumOutboxRelay(properties, db, () -> kafka, new ParkedOutboxEvents(jdbc),
                new SimpleMeterRegistry());
        OutboxRelayHealthIndicator stuckHealth = new OutboxRelayHealthIndicator(stuck, new ParkedOutboxEvents(jdbc));
        stuck.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> slotActive("stuck_test_outbox"));
            assertThat(stuckHealth.health(true).getStatus()).isEqualTo(Status.UP);
            tx.executeWithoutResult(s -> outbox.append("outbox.test.stuck", "order.updated", "o-1", Map.of("n", 1)));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.history().isEmpty());
            assertThat(stuckHealth.health(true).getStatus()).as("a short wait is no outage").isEqualTo(Status.UP);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> stuckHealth.health(true).getStatus().equals(Status.DOWN));
            assertThat(stuckHealth.health(true).getDetails()).containsKey("failingForSeconds");

            while (kafka.completeNext()) {
                // Kafka is back: every pending send is acknowledged
            }
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> stuckHealth.health(true).getStatus().equals(Status.UP));
        } finally {
            stuck.stop();
            // the engine lets go of its replication connection a moment after stop() returns
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !slotActive("stuck_test_outbox"));
            jdbc.sql("SELECT pg_drop_replication_slot('stuck_test_outbox')").query().singleRow();
        }
    }

    private boolean slotActive(String slot) {
        return jdbc.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active").param(slot)
                .query(Long.class).single() == 1;
    }
}
