package dev.orderflow.platform.outbox;

import java.sql.Timestamp;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code outbox_parked} table: outbox events Kafka refused for good, kept with the reason so
 * the relay can move on (a poison event must not block every later one). Parking twice (the
 * batch was resent after a restart) keeps the first row.
 */
public class ParkedOutboxEvents {

    private final JdbcClient jdbc;

    public ParkedOutboxEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void park(OutboxEvent row, String error) {
        jdbc.sql("""
                INSERT INTO outbox_parked (id, topic, type, aggregate_id, payload, traceparent, occurred_at, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(UUID.fromString(row.id()), row.topic(), row.type(), row.aggregateId(), row.payload(),
                        row.traceparent(), Timestamp.from(row.occurredAt()), error)
                .update();
    }

    /** How many events wait for an operator. */
    public long count() {
        return jdbc.sql("SELECT count(*) FROM outbox_parked").query(Long.class).single();
    }

    /** Bytes of WAL the relay's replication slot holds back (what a stuck relay costs the database). */
    public long retainedWalBytes(String slotName) {
        return jdbc.sql("""
                SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint
                FROM pg_replication_slots WHERE slot_name = ?""")
                .param(slotName).query(Long.class).optional().orElse(0L);
    }
}
