package dev.orderflow.platform.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger of events a consumer has applied. Call {@link #firstDelivery} in the transaction
 * that applies the event: a redelivery (at-least-once) then finds the id and changes nothing.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time {@code consumer} sees {@code eventId}; false for every repeat. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return jdbc.sql("""
                INSERT INTO processed_events (consumer, event_id) VALUES (?, ?)
                ON CONFLICT DO NOTHING""")
                .params(consumer, eventId)
                .update() == 1;
    }
}
