package dev.orderflow.order.orders;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.platform.outbox.OutboxWriter;

/**
 * Writes an order's event to the outbox and hands it, in the same transaction, to this service's own
 * listeners ({@link OrderEventAppended}: the notifications). They need not read it back from Kafka,
 * and what they write commits or rolls back with the change.
 */
@Component
public class OrderEvents {

    private final OutboxWriter outbox;
    private final ApplicationEventPublisher listeners;

    public OrderEvents(OutboxWriter outbox, ApplicationEventPublisher listeners) {
        this.outbox = outbox;
        this.listeners = listeners;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String type, OrderSnapshot order) {
        String eventId = outbox.append(Topics.ORDERS_EVENTS, type, order.id(), order);
        listeners.publishEvent(new OrderEventAppended(eventId, type, order));
    }
}
