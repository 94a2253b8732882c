package dev.orderflow.order.notifications;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.order.orders.OrderRepository;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.platform.tracing.TraceContext;

/**
 * {@code otp.locked} has no event of its own: dispatch-service answers the OTP check with
 * {@code OTP_LOCKED}. The dispatch id is the source id, so however often a locked code is tried,
 * its rules notify once per dispatch.
 */
@Component
public class OtpLockNotifier {

    private final OrderRepository orders;
    private final NotificationInbox inbox;
    private final Workflow workflow;
    private final TransactionTemplate tx;
    private final TraceContext trace;

    public OtpLockNotifier(OrderRepository orders, NotificationInbox inbox, Workflow workflow, TransactionTemplate tx,
                           TraceContext trace) {
        this.orders = orders;
        this.inbox = inbox;
        this.workflow = workflow;
        this.tx = tx;
        this.trace = trace;
    }

    public void locked(UUID dispatchId) {
        orders.findByDispatchId(dispatchId.toString()).ifPresent(order -> tx.executeWithoutResult(status ->
                inbox.deliver("otp-locked:" + dispatchId, List.of(new Trigger(Trigger.OTP_LOCKED, order.status())),
                        order.snapshot(workflow.cancelled(), null, List.of()), trace.currentTraceId())));
    }
}
