package dev.orderflow.order.orders;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.PaymentStatus;
import dev.orderflow.order.payment.PaymentProvider;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.platform.problem.ApiException;

import java.time.Instant;
import java.util.List;

/** Staff commands on one order (docs/contract.md §2): status workflow, payment capture, readiness, cancel. */
@Service
public class OrderCommands {

    private final OrderUpdates updates;
    private final Workflow workflow;
    private final PaymentProvider payments;

    public OrderCommands(OrderUpdates updates, Workflow workflow, PaymentProvider payments) {
        this.updates = updates;
        this.workflow = workflow;
        this.payments = payments;
    }

    public Order changeStatus(UUID orderId, String requested, String note, String changedBy) {
        if (requested == null || requested.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_STATUS, "status is required");
        }
        String to = workflow.status(requested).orElseThrow(() -> new ApiException(ErrorCode.INVALID_STATUS,
                "Unknown status '" + requested + "'"));
        if (to.equals(workflow.cancelled())) {
            return cancel(orderId, note, changedBy);
        }
        return updates.apply(orderId, changedBy, order -> {
            if (!workflow.allows(order.status(), to)) {
                throw invalidTransition(order.status() + " cannot move to " + to);
            }
            return OrderChange.updated(order.withStatus(to), note, change("status", order.status(), to));
        });
    }

    /** Idempotent: capturing a paid order changes nothing. The provider is simulated (docs/orders.md). */
    public Order capturePayment(UUID orderId, String changedBy) {
        return updates.apply(orderId, changedBy, order -> {
            if (order.isPaid()) {
                return OrderChange.none(order);
            }
            if (order.status().equals(workflow.cancelled()) || order.paymentStatus() == PaymentStatus.REFUNDED) {
                throw invalidTransition("A " + order.status().toLowerCase() + " order with payment "
                        + order.paymentStatus() + " cannot be captured");
            }
            PaymentStatus result = payments.capture(order);
            return OrderChange.updated(order.withPayment(result), "payment captured",
                    change("paymentStatus", order.paymentStatus().name(), result.name()));
        });
    }

    /** Idempotent: marking a ready order ready changes nothing. */
    public Order markReady(UUID orderId, String changedBy) {
        return updates.apply(orderId, changedBy, order -> {
            if (order.readyForDispatch()) {
                return OrderChange.none(order);
            }
            if (workflow.isTerminal(order.status())) {
                throw invalidTransition("A " + order.status() + " order cannot be marked ready");
            }
            return OrderChange.updated(order.withReady(true), "ready for dispatch",
                    change("readyForDispatch", "false", "true"));
        });
    }

    /** Cancels the order; dispatch-service cancels its dispatch when it sees order.cancelled (if not yet picked up). */
    public Order cancel(UUID orderId, String reason, String changedBy) {
        String cancelled = workflow.cancelled();
        return updates.apply(orderId, changedBy, order -> {
            if (workflow.isTerminal(order.status())) {
                throw invalidTransition(order.status() + " order cannot be cancelled");
            }
            return new OrderChange(order.cancelled(cancelled, reason, Instant.now()),
                    List.of(change("status", order.status(), cancelled)), EventTypes.ORDER_CANCELLED, reason);
        });
    }

    private static FieldChange change(String field, String from, String to) {
        return new FieldChange(field, from, to);
    }

    private static ApiException invalidTransition(String detail) {
        return new ApiException(ErrorCode.INVALID_TRANSITION, detail);
    }
}
