package dev.orderflow.order.orders;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.order.payment.PaymentProvider;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.platform.problem.ApiException;

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
        return updates.apply(orderId, changedBy, order -> order.moveTo(workflow, to, note));
    }

    /** Idempotent: capturing a paid order changes nothing. The provider is simulated (docs/orders.md). */
    public Order capturePayment(UUID orderId, String changedBy) {
        return updates.apply(orderId, changedBy, order -> order.capturePayment(workflow,
                unpaid -> payments.capture(new PaymentProvider.Charge(unpaid.id(), unpaid.total(), unpaid.currency()))));
    }

    /** Idempotent: marking a ready order ready changes nothing. */
    public Order markReady(UUID orderId, String changedBy) {
        return updates.apply(orderId, changedBy, order -> order.markReady(workflow));
    }

    /** Cancels the order; dispatch-service cancels its dispatch when it sees order.cancelled (if not yet picked up). */
    public Order cancel(UUID orderId, String reason, String changedBy) {
        return updates.apply(orderId, changedBy, order -> order.cancel(workflow, reason, Instant.now()));
    }
}
