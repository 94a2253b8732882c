package dev.orderflow.order.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.dispatch.DispatchFailure;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.order.orders.Order;
import dev.orderflow.order.orders.OrderChange;
import dev.orderflow.order.orders.OrderUpdates;
import dev.orderflow.order.workflow.Workflow;

/**
 * Folds dispatch-service's news into the consolidated order, so {@code order.updated} carries the
 * dispatch, driver and ETA (state-carried events). Stale news is dropped: an older attempt, or an
 * older version of the same attempt, never overwrites a newer one.
 */
@Component
public class DispatchFold {

    static final String CHANGED_BY = "dispatch-service";

    private final OrderUpdates updates;
    private final Workflow workflow;

    public DispatchFold(OrderUpdates updates, Workflow workflow) {
        this.updates = updates;
        this.workflow = workflow;
    }

    /** The history names who made the change when dispatch-service says so (a rider, staff, a courier). */
    public void apply(UUID orderId, DispatchSnapshot incoming) {
        updates.apply(orderId, incoming.changedBy() == null ? CHANGED_BY : incoming.changedBy(),
                order -> change(order, incoming));
    }

    public void apply(UUID orderId, DispatchFailure failure) {
        updates.apply(orderId, CHANGED_BY, order -> change(order, failed(order.dispatch(), failure)));
    }

    private OrderChange change(Order order, DispatchSnapshot incoming) {
        DispatchSnapshot current = order.dispatch();
        if (current != null && isStale(current, incoming)) {
            return OrderChange.none(order);
        }
        // dispatch.failed carries no OTP and dispatch.updated strips it: keep the one dispatch.booked brought
        DispatchSnapshot next = current != null && current.id().equals(incoming.id()) && incoming.otp() == null
                && current.otp() != null ? withOtp(incoming, current.otp()) : incoming;
        List<FieldChange> changes = new ArrayList<>();
        String from = current == null || current.status() == null ? null : current.status().name();
        String to = next.status().name();
        if (!Objects.equals(from, to) || current == null || !current.id().equals(next.id())) {
            changes.add(new FieldChange("dispatchStatus", from, to));
        }
        Order updated = order.withDispatch(next);
        var moved = workflow.movedByDispatch(order.status(), to);
        if (moved.isPresent()) {
            changes.add(new FieldChange("status", order.status(), moved.get()));
            updated = updated.withStatus(moved.get());
        }
        if (changes.isEmpty() && next.equals(current)) {
            return OrderChange.none(order);
        }
        if (changes.isEmpty()) {
            // driver, ETA or tracking link changed: still news for every screen
            changes.add(new FieldChange("dispatchStatus", to, to));
        }
        String note = incoming.note() != null ? incoming.note()
                : from != null && from.equals(to) ? "dispatch details updated" : "dispatch " + to.toLowerCase();
        return new OrderChange(updated, changes, EventTypes.ORDER_UPDATED, note);
    }

    private static boolean isStale(DispatchSnapshot current, DispatchSnapshot incoming) {
        if (!current.id().equals(incoming.id())) {
            return incoming.attempt() < current.attempt();
        }
        return incoming.version() <= current.version();
    }

    private static DispatchSnapshot withOtp(DispatchSnapshot d, String otp) {
        return new DispatchSnapshot(d.id(), d.orderId(), d.status(), d.previousStatus(), d.provider(),
                d.providerJobId(), d.trackingUrl(), d.driver(), d.etaAt(), otp, d.attempt(), d.version(), d.updatedAt(),
                d.previousAgentId(), d.changedBy(), d.note());
    }

    /** A booking that kept failing: the order shows its dispatch FAILED, so re-dispatch is offered. */
    private static DispatchSnapshot failed(DispatchSnapshot current, DispatchFailure failure) {
        boolean same = current != null && current.id().equals(failure.dispatchId());
        return new DispatchSnapshot(failure.dispatchId(), failure.orderId(), DispatchStatus.FAILED,
                same ? current.status() : null, same ? current.provider() : "KWIK",
                same ? current.providerJobId() : null, null, null, null, null, failure.attempt(),
                same ? current.version() + 1 : 1, Instant.now(), same ? current.agentId() : null, CHANGED_BY,
                failure.detail());
    }
}
