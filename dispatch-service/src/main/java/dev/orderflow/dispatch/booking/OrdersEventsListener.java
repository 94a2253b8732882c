package dev.orderflow.dispatch.booking;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.dispatch.gate.DispatchGate;
import dev.orderflow.dispatch.gate.GateFacts;
import dev.orderflow.dispatch.dispatches.OrderGates;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.IdempotentConsumer;
import dev.orderflow.platform.outbox.IdempotentConsumers;

/**
 * orders.events → the gate. The gate decision commits with the processed-event mark; the courier
 * call happens after the commit, on this thread, so the order's trace reaches Kwik. A crash in
 * between leaves a REQUESTED dispatch that the booking sweeper picks up. The dispatch of a cancelled
 * order is cancelled on every delivery (that is idempotent), so a crash cannot lose it.
 */
@Component
public class OrdersEventsListener {

    static final String CONSUMER = "dispatch-service.orders";
    private static final List<String> ORDER_EVENTS =
            List.of(EventTypes.ORDER_CREATED, EventTypes.ORDER_UPDATED, EventTypes.ORDER_CANCELLED);

    private final DispatchGate gate;
    private final Bookings bookings;
    private final Cancellations cancellations;
    private final IdempotentConsumer consumer;
    private final GateFacts facts;

    public OrdersEventsListener(IdempotentConsumers consumers, DispatchGate gate, GateFacts facts, Bookings bookings,
                                Cancellations cancellations) {
        this.gate = gate;
        this.facts = facts;
        this.bookings = bookings;
        this.cancellations = cancellations;
        this.consumer = consumers.named(CONSUMER)
                .onThen(ORDER_EVENTS, OrderSnapshot.class, this::passGate)
                .afterCommit(ORDER_EVENTS, OrderSnapshot.class, this::cancelIfCancelled);
    }

    @KafkaListener(topics = Topics.ORDERS_EVENTS, groupId = "dispatch-service-gate")
    public void on(ConsumerRecord<String, byte[]> record) {
        if (facts.mayMatter(record)) { // most order.updated records only move a status along: skipped unparsed
            consumer.accept(record);
        }
    }

    /** @return the booking of the dispatch the gate opened, to run after the commit */
    private Runnable passGate(EventEnvelope event, OrderSnapshot order) {
        return gate.onOrder(OrderGates.of(order, cancelled(event, order)))
                .<Runnable>map(dispatchId -> () -> bookings.book(dispatchId))
                .orElse(null);
    }

    private void cancelIfCancelled(EventEnvelope event, OrderSnapshot order) {
        if (cancelled(event, order)) {
            cancellations.cancelForCancelledOrder(UUID.fromString(order.id()), order.reason());
        }
    }

    private static boolean cancelled(EventEnvelope event, OrderSnapshot order) {
        return EventTypes.ORDER_CANCELLED.equals(event.type()) || order.cancelledAt() != null;
    }
}
