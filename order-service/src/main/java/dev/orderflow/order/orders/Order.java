package dev.orderflow.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.UUID;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.order.DeliveryAddress;
import dev.orderflow.contracts.order.DispatchGate;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.contracts.order.PaymentStatus;

/** One order as stored. Immutable: a change is a new value, written only if nobody else changed the row meanwhile. */
public record Order(
        UUID id, String displayId, String customerId, List<OrderItem> items,
        BigDecimal subtotal, BigDecimal tax, BigDecimal total, String currency,
        DeliveryAddress deliveryAddress, String pickupLocationId, String notes,
        String status, PaymentStatus paymentStatus, boolean readyForDispatch,
        DispatchSnapshot dispatch, long version, Instant createdAt, Instant updatedAt, String traceId,
        String cancelReason, Instant cancelledAt) {

    public boolean isPaid() {
        return paymentStatus == PaymentStatus.PAID;
    }

    /** The agent (rider) the active dispatch is assigned to: the only agent who may see this order. */
    public String agentId() {
        return dispatch == null || dispatch.driver() == null ? null : dispatch.driver().agentId();
    }

    public DispatchGate gate(String cancelledStatus) {
        return new DispatchGate(isPaid(), readyForDispatch,
                isPaid() && readyForDispatch && !status.equals(cancelledStatus));
    }

    public Order withStatus(String next) {
        return new Order(id, displayId, customerId, items, subtotal, tax, total, currency, deliveryAddress,
                pickupLocationId, notes, next, paymentStatus, readyForDispatch, dispatch, version, createdAt,
                updatedAt, traceId, cancelReason, cancelledAt);
    }

    public Order cancelled(String cancelledStatus, String reason, Instant at) {
        return new Order(id, displayId, customerId, items, subtotal, tax, total, currency, deliveryAddress,
                pickupLocationId, notes, cancelledStatus, paymentStatus, readyForDispatch, dispatch, version,
                createdAt, updatedAt, traceId, reason, at);
    }

    public Order withPayment(PaymentStatus next) {
        return new Order(id, displayId, customerId, items, subtotal, tax, total, currency, deliveryAddress,
                pickupLocationId, notes, status, next, readyForDispatch, dispatch, version, createdAt, updatedAt,
                traceId, cancelReason, cancelledAt);
    }

    public Order withReady(boolean next) {
        return new Order(id, displayId, customerId, items, subtotal, tax, total, currency, deliveryAddress,
                pickupLocationId, notes, status, paymentStatus, next, dispatch, version, createdAt, updatedAt,
                traceId, cancelReason, cancelledAt);
    }

    public Order withDispatch(DispatchSnapshot next) {
        return new Order(id, displayId, customerId, items, subtotal, tax, total, currency, deliveryAddress,
                pickupLocationId, notes, status, paymentStatus, readyForDispatch, next, version, createdAt,
                updatedAt, traceId, cancelReason, cancelledAt);
    }

    /** The next stored version: bumped, stamped with the time and trace of this change. */
    Order nextVersion(Instant at, String trace) {
        return new Order(id, displayId, customerId, items, subtotal, tax, total, currency, deliveryAddress,
                pickupLocationId, notes, status, paymentStatus, readyForDispatch, dispatch, version + 1,
                createdAt, at, trace, cancelReason, cancelledAt);
    }

    /**
     * The consolidated order of docs/contract.md §2. The OTP is in it only for the customer's own view
     * ({@code otpView} opens the sealed code kept here); events and every other reader (null) get
     * the dispatch without it.
     */
    public OrderSnapshot snapshot(String cancelledStatus, UnaryOperator<String> otpView, List<FieldChange> changes) {
        DispatchSnapshot shown = dispatch == null ? null
                : otpView == null || dispatch.otp() == null ? dispatch.withoutOtp() : dispatch.withOtp(otpView.apply(dispatch.otp()));
        return new OrderSnapshot(id.toString(), displayId, customerId, items, subtotal, tax, total, currency,
                deliveryAddress, pickupLocationId, notes, status, paymentStatus, readyForDispatch,
                gate(cancelledStatus), shown, agentId(), version, createdAt, updatedAt, traceId,
                changes == null || changes.isEmpty() ? null : changes, cancelReason, cancelledAt);
    }
}
