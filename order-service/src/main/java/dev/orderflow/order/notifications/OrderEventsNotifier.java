package dev.orderflow.order.notifications;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.IdempotentConsumer;
import dev.orderflow.platform.outbox.IdempotentConsumers;

/**
 * Turns the order's own events into notifications, once per event: the event id is recorded in the
 * transaction that stores them (and the inbox's unique key backs that up), so a redelivery adds
 * nothing. E-mails go out after the commit.
 */
@Component
public class OrderEventsNotifier {

    static final String CONSUMER = "order-service.notifications";
    // our own notification.created (among others) has no handler and is skipped
    private static final List<String> ORDER_EVENTS = List.of(EventTypes.ORDER_CREATED, EventTypes.ORDER_UPDATED,
            EventTypes.ORDER_CANCELLED);

    private final NotificationInbox inbox;
    private final NotificationMailer mailer;
    private final IdempotentConsumer consumer;

    public OrderEventsNotifier(IdempotentConsumers consumers, NotificationInbox inbox, NotificationMailer mailer) {
        this.inbox = inbox;
        this.mailer = mailer;
        this.consumer = consumers.named(CONSUMER).onThen(ORDER_EVENTS, OrderSnapshot.class, this::deliver);
    }

    @KafkaListener(topics = Topics.ORDERS_EVENTS, groupId = "order-service-notifications")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    /** Stores the notifications in the consumer's transaction; @return the e-mails to send after it commits */
    private Runnable deliver(EventEnvelope event, OrderSnapshot order) {
        List<UUID> toMail = inbox.deliver(event.id(), Trigger.of(event.type(), order),
                order, order.traceId() != null ? order.traceId() : event.traceId());
        return () -> mailer.sendSoon(toMail);
    }
}
