package dev.orderflow.platform.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.tracing.TraceContext;

/**
 * Appends an event to the outbox inside the caller's transaction: the state change and its
 * event commit together or not at all. The row is deleted in the same transaction; the
 * Debezium relay reads the insert from the WAL, so nothing accumulates.
 */
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TraceContext trace;

    public OutboxWriter(JdbcClient jdbc, JsonMapper json, TraceContext trace) {
        this.jdbc = jdbc;
        this.json = json;
        this.trace = trace;
    }

    /**
     * @param topic       Kafka topic
     * @param type        CloudEvents type, e.g. {@code order.updated}
     * @param aggregateId the orderId: Kafka key and {@code ce_subject}
     * @param data        serialised as the JSON value
     * @return the event id ({@code ce_id})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String append(String topic, String type, String aggregateId, Object data) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox (id, topic, type, aggregate_id, payload, traceparent, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, topic, type, aggregateId, json.writeValueAsString(data),
                        trace.currentTraceparent(), Timestamp.from(Instant.now()))
                .update();
        jdbc.sql("DELETE FROM outbox WHERE id = ?").param(id).update();
        return id.toString();
    }
}
