package dev.orderflow.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.connect.data.Struct;

import dev.orderflow.platform.events.EventEnvelope;

/**
 * One outbox event. {@link OutboxWriter} writes it as the content of a transactional logical decoding
 * message ({@code pg_logical_emit_message(true, 'orderflow.outbox', content)}): seven header lines,
 * then the JSON payload as it is.
 * <pre>
 * orderflow.outbox/1
 * id, topic, type, aggregateId, traceparent (empty when none), occurredAt (ISO-8601)   — a line each
 * payload
 * </pre>
 * A message is decoded from the WAL like a row insert, in commit order, but PostgreSQL writes no table
 * row, index entry or dead tuple for it (docs/performance.md, "Outbox relay"). Events written before
 * that change were rows of the {@code outbox} table; the relay still reads those ({@link #fromRow}).
 */
record OutboxEvent(String id, String topic, String type, String aggregateId, String payload,
                     String traceparent, Instant occurredAt) {

    /** The message prefix the relay subscribes to. */
    static final String MESSAGE_PREFIX = "orderflow.outbox";
    private static final String VERSION = "orderflow.outbox/1";
    private static final int HEADER_LINES = 7;

    OutboxEvent {
        for (String header : new String[] {id, topic, type, aggregateId, traceparent}) {
            if (header != null && header.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an outbox header holds a line break: " + header);
            }
        }
    }

    /** An insert into the {@code outbox} table, as Debezium decodes it. */
    static OutboxEvent fromRow(Struct after) {
        return new OutboxEvent(after.getString("id"), after.getString("topic"), after.getString("type"),
                after.getString("aggregate_id"), after.getString("payload"), after.getString("traceparent"),
                Instant.parse(after.getString("occurred_at")));
    }

    EventEnvelope toEnvelope(String source) {
        return new EventEnvelope(id, type, source, aggregateId, occurredAt, traceparent,
                payload.getBytes(StandardCharsets.UTF_8));
    }

    String encode() {
        return String.join("\n", VERSION, id, topic, type, aggregateId, traceparent == null ? "" : traceparent,
                occurredAt.toString(), payload);
    }

    static OutboxEvent decode(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        String[] parts = text.split("\n", HEADER_LINES + 1);
        if (parts.length != HEADER_LINES + 1 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not an " + VERSION + " message: "
                    + text.substring(0, Math.min(text.length(), 80)));
        }
        return new OutboxEvent(parts[1], parts[2], parts[3], parts[4], parts[7],
                parts[5].isEmpty() ? null : parts[5], Instant.parse(parts[6]));
    }
}
