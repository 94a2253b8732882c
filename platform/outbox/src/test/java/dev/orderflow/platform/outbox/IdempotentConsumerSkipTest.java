package dev.orderflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A consumer reads the {@code ce_type} header first and skips the types it has no handler for without
 * parsing the record (most of a shared topic such as orders.events is not for every consumer).
 */
class IdempotentConsumerSkipTest {

    // no database, no JSON mapper: a skipped record must not reach them
    private final IdempotentConsumer consumer = new IdempotentConsumer("test", null, null, null)
            .on("order.updated", Object.class, (event, data) -> { });

    @Test
    void skipsATypeWithoutHandlerOnItsHeaderAlone() {
        // only ce_type: not even a readable CloudEvent, so parsing it would throw
        assertThat(consumer.accept(record("notification.created"))).isFalse();
    }

    @Test
    void parsesTheTypesItHandles() {
        assertThatThrownBy(() -> consumer.accept(record("order.updated"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ConsumerRecord<String, byte[]> record(String type) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("orders.events", 0, 0, "key", "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
