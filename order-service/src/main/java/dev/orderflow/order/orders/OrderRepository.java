package dev.orderflow.order.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.order.DeliveryAddress;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.PaymentStatus;

/** The orders table. Updates are optimistic: they name the version they were computed from. */
@Repository
public class OrderRepository {

    private static final TypeReference<List<OrderItem>> ITEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public String nextDisplayId(int year) {
        long n = jdbc.sql("SELECT nextval('order_display_seq')").query(Long.class).single();
        return "ORD-%d-%06d".formatted(year, n);
    }

    public void insert(Order o) {
        jdbc.sql("""
                INSERT INTO orders (id, display_id, customer_id, items, subtotal, tax, total, currency,
                    delivery_address, pickup_location_id, notes, status, payment_status, ready_for_dispatch,
                    version, created_at, updated_at, trace_id, status_changed_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(o.id(), o.displayId(), o.customerId(), json.writeValueAsString(o.items()), o.subtotal(),
                        o.tax(), o.total(), o.currency(), json.writeValueAsString(o.deliveryAddress()),
                        o.pickupLocationId(), o.notes(), o.status(), o.paymentStatus().name(), o.readyForDispatch(),
                        o.version(), ts(o.createdAt()), ts(o.updatedAt()), o.traceId(), ts(o.statusChangedAt()))
                .update();
    }

    /** Writes {@code next} if the row is still at {@code expectedVersion}; false when someone else got there first. */
    public boolean update(Order next, long expectedVersion) {
        DispatchSnapshot d = next.dispatch();
        return jdbc.sql("""
                UPDATE orders SET status = ?, payment_status = ?, ready_for_dispatch = ?, dispatch = ?::jsonb,
                    dispatch_id = ?, dispatch_status = ?, agent_id = ?, version = ?, updated_at = ?, trace_id = ?,
                    cancel_reason = ?, cancelled_at = ?, status_changed_at = ?
                WHERE id = ? AND version = ?""")
                .params(next.status(), next.paymentStatus().name(), next.readyForDispatch(),
                        d == null ? null : json.writeValueAsString(d), d == null ? null : d.id(),
                        d == null || d.status() == null ? null : d.status().name(), next.agentId(), next.version(),
                        ts(next.updatedAt()), next.traceId(), next.cancelReason(), ts(next.cancelledAt()),
                        ts(next.statusChangedAt()), next.id(), expectedVersion)
                .update() == 1;
    }

    public Optional<Order> find(UUID id) {
        return jdbc.sql("SELECT * FROM orders WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<Order> findByDispatchId(String dispatchId) {
        return jdbc.sql("SELECT * FROM orders WHERE dispatch_id = ?").param(dispatchId).query(this::map).optional();
    }

    /** A page of the orders {@code filter} admits, newest first, and how many there are in all. */
    public Page page(OrderFilter filter, int page, int pageSize) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        long total = jdbc.sql("SELECT count(*) FROM orders" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(pageSize);
        pageParams.add((long) (page - 1) * pageSize);
        List<Order> orders = jdbc.sql("SELECT * FROM orders" + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(pageParams).query(this::map).list();
        return new Page(orders, total);
    }

    public record Page(List<Order> orders, long total) {
    }

    private Order map(ResultSet rs, int row) throws SQLException {
        String dispatch = rs.getString("dispatch");
        return new Order(rs.getObject("id", UUID.class), rs.getString("display_id"), rs.getString("customer_id"),
                json.readValue(rs.getString("items"), ITEMS), rs.getBigDecimal("subtotal"), rs.getBigDecimal("tax"),
                rs.getBigDecimal("total"), rs.getString("currency"),
                json.readValue(rs.getString("delivery_address"), DeliveryAddress.class),
                rs.getString("pickup_location_id"), rs.getString("notes"), rs.getString("status"),
                PaymentStatus.valueOf(rs.getString("payment_status")), rs.getBoolean("ready_for_dispatch"),
                dispatch == null ? null : json.readValue(dispatch, DispatchSnapshot.class), rs.getLong("version"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                rs.getString("trace_id"), rs.getString("cancel_reason"), instant(rs.getTimestamp("cancelled_at")),
                instant(rs.getTimestamp("status_changed_at")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
