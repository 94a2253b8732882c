package dev.orderflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The outbox message format: what the writer puts into the WAL, the relay reads back unchanged. */
class OutboxEventTest {

    private static final Instant AT = Instant.parse("2026-11-30T01:02:03.456789Z");

    @Test
    void aMessageReadsBackAsTheEventThatWasWritten() {
        OutboxEvent event = new OutboxEvent("e-1", "orders.events", "order.updated", "o-1",
                "{\"note\":\"two\\nlines and ünïcode\",\"n\":1}\n", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", AT);

        assertThat(OutboxEvent.decode(event.encode().getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
    }

    @Test
    void anEventWithoutTraceReadsBackWithoutTrace() {
        OutboxEvent event = new OutboxEvent("e-2", "orders.events", "order.created", "o-2", "{}", null, AT);

        assertThat(OutboxEvent.decode(event.encode().getBytes(StandardCharsets.UTF_8)).traceparent()).isNull();
    }

    @Test
    void aHeaderWithALineBreakIsRefusedWhenWritten() {
        assertThatThrownBy(() -> new OutboxEvent("e-3", "orders.events", "order.updated", "o-3\nforged", "{}", null, AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentInAnotherFormatIsRefusedWhenRead() {
        assertThatThrownBy(() -> OutboxEvent.decode("garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxEvent.decode("orderflow.outbox/2\na\nb\nc\nd\n\n2026-11-30T00:00:00Z\n{}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    }
}
