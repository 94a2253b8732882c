package dev.orderflow.order.notifications;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.ProcessedEvents;

/**
 * Turns the order's own events into notifications, once per event: the event id is recorded in the
 * transaction that stores them (and the inbox's unique key backs that up), so a redelivery adds
 * nothing. E-mails go out after the commit.
 */
@Component
public class OrderEventsNotifier {

    static final String CONSUMER = "order-service.notifications";
    private static final Set<String> ORDER_EVENTS = Set.of(EventTypes.ORDER_CREATED, EventTypes.ORDER_UPDATED,
            EventTypes.ORDER_CANCELLED);

    private final ProcessedEvents processed;
    private final NotificationInbox inbox;
    private final NotificationMailer mailer;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public OrderEventsNotifier(ProcessedEvents processed, NotificationInbox inbox, NotificationMailer mailer,
                               TransactionTemplate tx, JsonMapper json) {
        this.processed = processed;
        this.inbox = inbox;
        this.mailer = mailer;
        this.tx = tx;
        this.json = json;
    }

    @KafkaListener(topics = Topics.ORDERS_EVENTS, groupId = "order-service-notifications")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = CloudEventRecords.fromRecord(record);
        if (!ORDER_EVENTS.contains(event.type())) {
            return; // our own notification.created, among others
        }
        OrderSnapshot order = json.readValue(event.data(), OrderSnapshot.class);
        List<Trigger> triggers = Trigger.of(event.type(), order);
        List<UUID> toMail = tx.execute(status -> processed.firstDelivery(CONSUMER, event.id())
                ? inbox.deliver(event.id(), triggers, order, order.traceId() != null ? order.traceId() : event.traceId())
                : List.<UUID>of());
        mailer.sendSoon(toMail);
    }
}
