package dev.orderflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.tracing.TraceContext;

/** The relay against a real PostgreSQL WAL, a real Debezium engine and a real Kafka broker. */
@SpringBootTest
@AutoConfigureTracing
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class DebeziumOutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired OutboxWriter outbox;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired DebeziumOutboxRelay relay;
    @Autowired ObservationRegistry observations;
    @Autowired TraceContext trace;
    @Autowired MeterRegistry meters;

    record Payload(String orderId, int n) {
    }

    @Test
    void publishesACommittedEventAsABinaryCloudEventWithTheCallersTrace() throws Exception {
        String topic = "outbox.test.headers";
        String orderId = UUID.randomUUID().toString();
        String[] traceId = new String[1];
        String[] eventId = new String[1];
        Observation.createNotStarted("test-request", observations).observe(() -> {
            traceId[0] = trace.currentTraceId();
            eventId[0] = tx.execute(s -> outbox.append(topic, "order.created", orderId, new Payload(orderId, 1)));
        });
        assertThat(traceId[0]).isNotNull();

        try (OutboxTopic reader = new OutboxTopic(topic)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(r -> !r.isEmpty(), WAIT);
            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.getFirst();
            assertThat(record.key()).isEqualTo(orderId);
            assertThat(header(record, "ce_id")).isEqualTo(eventId[0]);
            assertThat(header(record, "ce_type")).isEqualTo("order.created");
            assertThat(header(record, "ce_source")).isEqualTo("/outbox-test");
            assertThat(relay.isRunning()).isTrue();
            assertThat(header(record, "ce_subject")).isEqualTo(orderId);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_time")).isNotBlank();
            assertThat(header(record, "traceparent")).contains(traceId[0]);
            assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"orderId\":\"" + orderId + "\",\"n\":1}");

            EventEnvelope parsed = CloudEventRecords.fromRecord(record);
            assertThat(parsed.traceId()).isEqualTo(traceId[0]);
            assertThat(parsed.subject()).isEqualTo(orderId);
        }
        // the event is a logical decoding message: the WAL, not the table, carries events
        assertThat(jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single()).isZero();
    }

    @Test
    void anOutboxRowWrittenBeforeMessagesIsStillRelayed() {
        String topic = "outbox.test.row";
        String orderId = UUID.randomUUID().toString();
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    INSERT INTO outbox (id, topic, type, aggregate_id, payload, traceparent, occurred_at)
                    VALUES (?, ?, 'order.updated', ?, '{"n":7}', NULL, now())""").params(id, topic, orderId).update();
            jdbc.sql("DELETE FROM outbox WHERE id = ?").param(id).update();
        });
        RelayWakeup.committed(); // as any writer of this JVM does (OutboxWriter)

        try (OutboxTopic reader = new OutboxTopic(topic)) {
            ConsumerRecord<String, byte[]> record = reader.readUntil(r -> !r.isEmpty(), WAIT).getFirst();
            assertThat(header(record, "ce_id")).isEqualTo(id.toString());
            assertThat(record.key()).isEqualTo(orderId);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":7}");
        }
    }

    @Test
    void otherMessagesAreIgnoredAndAnUnreadableOutboxMessageIsSkippedNotRetriedForever() {
        String topic = "outbox.test.unreadable";
        String after = UUID.randomUUID().toString();
        double unreadableBefore = meters.counter("outbox.unreadable").count();
        tx.executeWithoutResult(s -> {
            jdbc.sql("SELECT pg_logical_emit_message(true, 'someone.else', 'not ours')::text").query(String.class).single();
            jdbc.sql("SELECT pg_logical_emit_message(true, 'orderflow.outbox', 'garbage')::text").query(String.class).single();
        });
        RelayWakeup.committed();
        tx.executeWithoutResult(s -> outbox.append(topic, "order.updated", after, Map.of("n", 1)));

        try (OutboxTopic reader = new OutboxTopic(topic)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    r -> r.stream().anyMatch(c -> after.equals(c.key())), WAIT);
            assertThat(records).extracting(ConsumerRecord::key).containsExactly(after);
        }
        assertThat(meters.counter("outbox.unreadable").count()).isEqualTo(unreadableBefore + 1);
        assertThat(relay.lastFailure()).isNull();
    }

    /**
     * A quiet relay does not read the WAL every poll interval: its reader waits (here up to 20 s) and
     * the next commit through OutboxWriter wakes it, so that event is published at once. Upstream's
     * reader never pauses this way (it reads every 10 ms); a reader that is not woken takes the 20 s.
     */
    @Test
    void anIdleRelayWaitsForTheNextCommitAndThatCommitWakesIt() {
        assertThat(DebeziumOutboxRelay.patchedReaderLoaded()).as("our copy of the WAL reader").isTrue();
        RelayWakeup.committed(); // the reader may be in a wait already: it starts a new one a second after this
        long idleBefore = RelayWakeup.idlePauses();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RelayWakeup.idlePauses() > idleBefore);
        long waiting = RelayWakeup.idlePauses();
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> RelayWakeup.idlePauses() == waiting); // one wait, no polling

        String topic = "outbox.test.wakeup";
        String orderId = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> outbox.append(topic, "order.updated", orderId, Map.of("n", 1)));
        try (OutboxTopic reader = new OutboxTopic(topic)) {
            assertThat(reader.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(10))).extracting(ConsumerRecord::key)
                    .as("published well before the 20 s wait ran out").containsExactly(orderId);
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String topic = "outbox.test.rollback";
        String committed = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> {
            outbox.append(topic, "order.updated", "rolled-back", Map.of("n", 0));
            s.setRollbackOnly();
        });
        tx.executeWithoutResult(s -> outbox.append(topic, "order.updated", committed, Map.of("n", 1)));

        try (OutboxTopic reader = new OutboxTopic(topic)) {
            // the committed event comes after the rolled-back one in WAL order: once it is here, the other never will be
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    r -> r.stream().anyMatch(c -> committed.equals(c.key())), WAIT);
            assertThat(records).extracting(ConsumerRecord::key).containsExactly(committed);
        }
    }

    @Test
    void relayStoppedMidStreamAndRestartedLosesNothing() throws Exception {
        String topic = "outbox.test.restart";
        int total = 2000;
        Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                int n = i;
                written.add(tx.execute(s -> outbox.append(topic, "order.updated", "order-" + (n % 7), Map.of("n", n))));
            }
        });
        writer.start();
        Thread.sleep(150); // let part of the stream through before pulling the plug
        relay.stop();
        assertThat(writer.isAlive()).as("the relay stopped while events were still being written").isTrue();
        Thread.sleep(500); // events keep being committed while no relay runs
        relay.start();
        writer.join();

        try (OutboxTopic reader = new OutboxTopic(topic)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    r -> ids(r).containsAll(written), Duration.ofSeconds(60));
            Set<String> received = ids(records);
            assertThat(received).containsAll(written);
            assertThat(received).hasSize(total); // only duplicates of written events, nothing else
            // per key, first deliveries keep commit order
            Map<String, List<Integer>> perKey = records.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(r -> n(r), Collectors.toList())));
            perKey.values().forEach(ns -> assertThat(ns.stream().distinct().toList()).isSorted());
        }
    }

    private static Set<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, "ce_id")).collect(Collectors.toSet());
    }

    private static int n(ConsumerRecord<String, byte[]> record) {
        String json = new String(record.value(), StandardCharsets.UTF_8);
        return Integer.parseInt(json.replaceAll("\\D", ""));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
