package dev.orderflow.order.orders;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.order.history.OrderHistory;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.tracing.TraceContext;

/**
 * The one way an order changes: read, compute the change, write it only if the row is still at
 * the version it was computed from (optimistic locking), and in the same transaction write the
 * audit rows and the outbox event. A concurrent writer makes us recompute from its result, so no
 * update is lost; a command that no longer applies then fails with its own error code.
 */
@Component
public class OrderUpdates {

    private static final Logger log = LoggerFactory.getLogger(OrderUpdates.class);
    private static final int MAX_ATTEMPTS = 20;

    private final OrderRepository orders;
    private final OrderHistory history;
    private final OrderEvents events;
    private final TraceContext trace;
    private final Workflow workflow;
    private final TransactionTemplate tx;

    public OrderUpdates(OrderRepository orders, OrderHistory history, OrderEvents events, TraceContext trace,
                        Workflow workflow, TransactionTemplate tx) {
        this.orders = orders;
        this.history = history;
        this.events = events;
        this.trace = trace;
        this.workflow = workflow;
        this.tx = tx;
    }

    /** Applies {@code command} to the order; joins the caller's transaction if there is one. */
    public Order apply(UUID orderId, String changedBy, Function<Order, OrderChange> command) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Order result = tx.execute(status -> applyOnce(orderId, changedBy, command));
            if (result != null) {
                return result;
            }
        }
        throw new ApiException(ErrorCode.UPDATE_FAILED,
                "The order kept changing under this request; read it again and retry");
    }

    /** Null when another writer changed the order since we read it. */
    private Order applyOnce(UUID orderId, String changedBy, Function<Order, OrderChange> command) {
        Order current = orders.find(orderId).orElseThrow(() -> notFound(orderId));
        OrderChange change = command.apply(current);
        if (change.isNone()) {
            return current;
        }
        Instant now = Instant.now();
        Order next = change.next().nextVersion(now, trace.currentTraceId(), change.changes("status"));
        if (!orders.update(next, current.version())) {
            return null;
        }
        history.record(orderId, change.changes(), changedBy, change.note(), next.traceId(), now, riderName(next));
        events.append(change.eventType(), next.snapshot(workflow.cancelled(), null, change.changes()));
        if (change.changes("status")) {
            log.atInfo().addKeyValue("event", "ORDER_STATUS_CHANGED")
                    .addKeyValue("orderId", orderId).addKeyValue("from", current.status())
                    .addKeyValue("to", next.status()).addKeyValue("version", next.version())
                    .log("Order {} {} -> {}", next.displayId(), current.status(), next.status());
        }
        return next;
    }

    private static String riderName(Order order) {
        return order.dispatch() == null || order.dispatch().driver() == null ? null : order.dispatch().driver().name();
    }

    public static ApiException notFound(UUID orderId) {
        return new ApiException(ErrorCode.ORDER_NOT_FOUND, "No order " + orderId);
    }
}
