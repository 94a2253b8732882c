package dev.orderflow.order.dispatch;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchFailure;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.ProcessedEvents;
import dev.orderflow.order.orders.OrderRepository;

/**
 * Consumes {@code dispatch.events} exactly once in effect: the event id is recorded in the
 * transaction that folds it, so a redelivery changes nothing. News of an order we do not have is
 * logged and skipped (it cannot become applicable later: orders are created here first).
 */
@Component
public class DispatchEventsListener {

    static final String CONSUMER = "order-service.dispatch";
    private static final Logger log = LoggerFactory.getLogger(DispatchEventsListener.class);

    private final ProcessedEvents processed;
    private final DispatchFold fold;
    private final JsonMapper json;
    private final OrderRepository orders;

    public DispatchEventsListener(ProcessedEvents processed, DispatchFold fold, JsonMapper json,
                                  OrderRepository orders) {
        this.processed = processed;
        this.orders = orders;
        this.fold = fold;
        this.json = json;
    }

    @KafkaListener(topics = Topics.DISPATCH_EVENTS, groupId = "order-service")
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = CloudEventRecords.fromRecord(record);
        if (!processed.firstDelivery(CONSUMER, event.id())) {
            return;
        }
        UUID orderId = UUID.fromString(event.subject());
        if (orders.find(orderId).isEmpty()) {
            log.atWarn().addKeyValue("orderId", orderId).log("Dispatch news for unknown order {} skipped", orderId);
            return;
        }
        switch (event.type()) {
            case EventTypes.DISPATCH_BOOKED, EventTypes.DISPATCH_UPDATED ->
                    fold.apply(orderId, json.readValue(event.data(), DispatchSnapshot.class));
            case EventTypes.DISPATCH_FAILED ->
                    fold.apply(orderId, json.readValue(event.data(), DispatchFailure.class));
            default -> log.debug("Ignoring {} on {}", event.type(), record.topic());
        }
    }
}
