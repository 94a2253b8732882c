package dev.orderflow.order.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderflow.contracts.order.CustomerWords;
import dev.orderflow.contracts.order.FieldChange;

/** The audit log, written in the transaction of the change it records. */
@Repository
public class OrderHistory {

    private final JdbcClient jdbc;

    public OrderHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row per changed field; the change's customer words ({@code rider}: the rider's name then) on the first. */
    public void record(UUID orderId, List<FieldChange> changes, String changedBy, String note, String traceId,
                       Instant at, String rider) {
        String message = CustomerWords.of(changes, rider);
        for (FieldChange change : changes) {
            jdbc.sql("""
                    INSERT INTO order_history (order_id, field, from_value, to_value, changed_by, note, trace_id, at, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(orderId, change.field(), change.from(), change.to(), changedBy, note, traceId,
                            Timestamp.from(at), message)
                    .update();
            message = null;
        }
    }

    public List<HistoryEntry> of(UUID orderId) {
        return jdbc.sql("""
                SELECT field, from_value, to_value, changed_by, note, trace_id, at, message
                FROM order_history WHERE order_id = ? ORDER BY id""")
                .param(orderId)
                .query((rs, row) -> new HistoryEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .list();
    }
}
