package dev.orderflow.platform.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.tracing.TraceContext;

/**
 * Appends an event to the outbox inside the caller's transaction: the state change and its
 * event commit together or not at all. The event is a transactional logical decoding message
 * ({@link OutboxEvent}): it exists only in the WAL, where the Debezium relay reads it at commit,
 * so no table row is written, indexed, deleted and vacuumed per event.
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
        String id = UUID.randomUUID().toString();
        OutboxEvent event = new OutboxEvent(id, topic, type, aggregateId, json.writeValueAsString(data),
                trace.currentTraceparent(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("SELECT pg_logical_emit_message(true, ?, ?::text)::text")
                .params(OutboxEvent.MESSAGE_PREFIX, event.encode())
                .query(String.class).single();
        RelayWakeup.afterCommit();
        return id;
    }
}
