package dev.orderflow.dispatch.dispatches;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.kwik.KwikFields;
import dev.orderflow.contracts.order.DeliveryAddress;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.contracts.order.PaymentStatus;

/** The gate's view of each order, from orders.events; an older order version never overwrites a newer one. */
@Repository
public class OrderGates {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OrderGates(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What the gate needs of an order. {@code delivery} is the Kwik delivery stop. */
    public record Gate(UUID orderId, long orderVersion, boolean paid, boolean ready, boolean cancelled,
                       Map<String, Object> delivery) {

        public boolean open() {
            return paid && ready && !cancelled;
        }

        public String instruction() {
            Object notes = delivery.get("notes");
            return notes == null ? null : notes.toString();
        }
    }

    public static Gate of(OrderSnapshot order, boolean cancelled) {
        Map<String, Object> stop = new LinkedHashMap<>();
        DeliveryAddress a = order.deliveryAddress();
        if (a != null) {
            stop.put(KwikFields.ADDRESS, a.city() == null ? a.line1() : a.line1() + ", " + a.city());
            stop.put(KwikFields.LATITUDE, a.lat());
            stop.put(KwikFields.LONGITUDE, a.lng());
            stop.put(KwikFields.PHONE, a.phone());
        }
        stop.put(KwikFields.NAME, order.customerId());
        if (order.notes() != null) {
            stop.put("notes", order.notes());
        }
        return new Gate(UUID.fromString(order.id()), order.version(), order.paymentStatus() == PaymentStatus.PAID,
                order.readyForDispatch(), cancelled, stop);
    }

    /** Stores {@code gate} unless a newer order version is already stored, then locks and returns the row. */
    public Gate upsertAndLock(Gate gate) {
        jdbc.sql("""
                INSERT INTO order_gates (order_id, order_version, paid, ready, cancelled, booking, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (order_id) DO UPDATE SET order_version = excluded.order_version, paid = excluded.paid,
                    ready = excluded.ready, cancelled = excluded.cancelled, booking = excluded.booking,
                    updated_at = excluded.updated_at
                WHERE order_gates.order_version < excluded.order_version""")
                .params(gate.orderId(), gate.orderVersion(), gate.paid(), gate.ready(), gate.cancelled(),
                        json.writeValueAsString(gate.delivery()), Timestamp.from(Instant.now()))
                .update();
        return lock(gate.orderId()).orElseThrow();
    }

    public Optional<Gate> find(UUID orderId) {
        return jdbc.sql("SELECT * FROM order_gates WHERE order_id = ?").param(orderId).query(this::map).optional();
    }

    public Optional<Gate> lock(UUID orderId) {
        return jdbc.sql("SELECT * FROM order_gates WHERE order_id = ? FOR UPDATE").param(orderId).query(this::map).optional();
    }

    private Gate map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Gate(rs.getObject("order_id", UUID.class), rs.getLong("order_version"), rs.getBoolean("paid"),
                rs.getBoolean("ready"), rs.getBoolean("cancelled"), json.readValue(rs.getString("booking"), MAP));
    }
}
