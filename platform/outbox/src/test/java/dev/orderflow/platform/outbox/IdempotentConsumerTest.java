package dev.orderflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

/**
 * A record whose type has a handler in the transaction and one after the commit is parsed once: both
 * get the same data. Against the real ledger (PostgreSQL), as the services use it.
 */
@SpringBootTest
@AutoConfigureTracing
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class IdempotentConsumerTest {

    @Autowired IdempotentConsumers consumers;

    /** Counts how often Jackson builds one. */
    record Counted(String orderId) {
        static final AtomicInteger BUILT = new AtomicInteger();

        Counted {
            BUILT.incrementAndGet();
        }
    }

    @Test
    void bothHandlersOfARecordGetTheDataOfOneParse() {
        List<Counted> once = new ArrayList<>();
        List<Counted> afterCommit = new ArrayList<>();
        IdempotentConsumer consumer = consumers.named("parse-once-" + UUID.randomUUID())
                .on("order.updated", Counted.class, (event, data) -> once.add(data))
                .afterCommit(List.of("order.updated"), Counted.class, (event, data) -> afterCommit.add(data));
        ConsumerRecord<String, byte[]> record = record("order.updated", "{\"orderId\":\"o-1\"}");
        int before = Counted.BUILT.get();

        assertThat(consumer.accept(record)).isTrue();
        assertThat(Counted.BUILT.get() - before).as("parses of the first delivery").isEqualTo(1);
        assertThat(afterCommit).hasSize(1).first().isSameAs(once.getFirst());

        // a redelivery: applied before, so only the after-commit handler runs, on one parse again
        assertThat(consumer.accept(record)).isFalse();
        assertThat(Counted.BUILT.get() - before).as("parses of both deliveries").isEqualTo(2);
        assertThat(once).hasSize(1);
        assertThat(afterCommit).hasSize(2);
    }

    private static ConsumerRecord<String, byte[]> record(String type, String data) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), type, "/test", "o-1", Instant.now(), null,
                data.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> sent = CloudEventRecords.toRecord("orders.events", event);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0, sent.key(), sent.value());
        sent.headers().forEach(received.headers()::add);
        return received;
    }
}
