package dev.orderflow.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.DeliveryAddress;
import dev.orderflow.contracts.order.DispatchGate;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.contracts.order.PaymentStatus;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.platform.problem.ApiException;

/**
 * One order as stored. Immutable: a change is a new value, written only if nobody else changed the row
 * meanwhile. The order owns its transitions (the rules of docs/orders.md); commands load, apply, store.
 */
public record Order(
        UUID id, String displayId, String customerId, List<OrderItem> items,
        BigDecimal subtotal, BigDecimal tax, BigDecimal total, String currency,
        DeliveryAddress deliveryAddress, String pickupLocationId, String notes,
        String status, PaymentStatus paymentStatus, boolean readyForDispatch,
        DispatchSnapshot dispatch, long version, Instant createdAt, Instant updatedAt, String traceId,
        String cancelReason, Instant cancelledAt, Instant statusChangedAt) {

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

    /** A status change the workflow allows. */
    public OrderChange moveTo(Workflow workflow, String to, String note) {
        if (!workflow.allows(status, to)) {
            throw invalidTransition(status + " cannot move to " + to);
        }
        return OrderChange.updated(withStatus(to), note, new FieldChange("status", status, to));
    }

    /** Idempotent: capturing a paid order changes nothing; {@code capture} asks the provider. */
    public OrderChange capturePayment(Workflow workflow, Function<Order, PaymentStatus> capture) {
        if (isPaid()) {
            return OrderChange.none(this);
        }
        if (status.equals(workflow.cancelled()) || paymentStatus == PaymentStatus.REFUNDED) {
            throw invalidTransition("A " + status.toLowerCase() + " order with payment " + paymentStatus
                    + " cannot be captured");
        }
        PaymentStatus result = capture.apply(this);
        FieldChange paid = new FieldChange("paymentStatus", paymentStatus.name(), result.name());
        Order next = with(o -> o.paymentStatus = result);
        return movedBy(next, result == PaymentStatus.PAID ? workflow.movedByPayment(status) : Optional.empty(),
                "payment captured", paid);
    }

    /** Idempotent: marking a ready order ready changes nothing. */
    public OrderChange markReady(Workflow workflow) {
        if (readyForDispatch) {
            return OrderChange.none(this);
        }
        if (workflow.isTerminal(status)) {
            throw invalidTransition("A " + status + " order cannot be marked ready");
        }
        return movedBy(with(o -> o.readyForDispatch = true), workflow.movedByReady(status), "ready for dispatch",
                new FieldChange("readyForDispatch", "false", "true"));
    }

    /** A fact's change, plus the status move the workflow attaches to that fact (docs/orders.md). */
    private OrderChange movedBy(Order next, Optional<String> moved, String note, FieldChange fact) {
        if (moved.isEmpty()) {
            return OrderChange.updated(next, note, fact);
        }
        return OrderChange.updated(next.withStatus(moved.get()), note, fact,
                new FieldChange("status", status, moved.get()));
    }

    public OrderChange cancel(Workflow workflow, String reason, Instant at) {
        if (workflow.isTerminal(status)) {
            throw invalidTransition(status + " order cannot be cancelled");
        }
        String cancelled = workflow.cancelled();
        Order next = with(o -> {
            o.status = cancelled;
            o.cancelReason = reason;
            o.cancelledAt = at;
        });
        return new OrderChange(next, List.of(new FieldChange("status", status, cancelled)),
                EventTypes.ORDER_CANCELLED, reason);
    }

    /** The status a dispatch move implies ({@code Workflow.movedByDispatch}): not a staff transition. */
    public Order withStatus(String next) {
        return with(o -> o.status = next);
    }

    public Order withDispatch(DispatchSnapshot next) {
        return with(o -> o.dispatch = next);
    }

    /** The next stored version: bumped, stamped with the time and trace of this change (and of a new status). */
    Order nextVersion(Instant at, String trace, boolean statusChanged) {
        return with(o -> {
            o.version = version + 1;
            o.updatedAt = at;
            o.traceId = trace;
            if (statusChanged) {
                o.statusChangedAt = at;
            }
        });
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
                changes == null || changes.isEmpty() ? null : changes, cancelReason, cancelledAt, statusChangedAt);
    }

    private static ApiException invalidTransition(String detail) {
        return new ApiException(ErrorCode.INVALID_TRANSITION, detail);
    }

    /** This order with some of its changeable fields changed: the one place that copies all 22. */
    private Order with(Consumer<Changeable> change) {
        Changeable next = new Changeable(this);
        change.accept(next);
        return new Order(id, displayId, customerId, items, subtotal, tax, total, currency, deliveryAddress,
                pickupLocationId, notes, next.status, next.paymentStatus, next.readyForDispatch, next.dispatch,
                next.version, createdAt, next.updatedAt, next.traceId, next.cancelReason, next.cancelledAt,
                next.statusChangedAt);
    }

    /** The fields a change may set; the rest of an order never changes. */
    private static final class Changeable {
        String status;
        PaymentStatus paymentStatus;
        boolean readyForDispatch;
        DispatchSnapshot dispatch;
        long version;
        Instant updatedAt;
        String traceId;
        String cancelReason;
        Instant cancelledAt;
        Instant statusChangedAt;

        Changeable(Order order) {
            status = order.status;
            paymentStatus = order.paymentStatus;
            readyForDispatch = order.readyForDispatch;
            dispatch = order.dispatch;
            version = order.version;
            updatedAt = order.updatedAt;
            traceId = order.traceId;
            cancelReason = order.cancelReason;
            cancelledAt = order.cancelledAt;
            statusChangedAt = order.statusChangedAt;
        }
    }
}
