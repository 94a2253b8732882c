package dev.orderflow.order.dispatch;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchFailure;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.IdempotentConsumer;
import dev.orderflow.platform.outbox.IdempotentConsumers;
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

    private final DispatchFold fold;
    private final OrderRepository orders;
    private final IdempotentConsumer consumer;

    public DispatchEventsListener(IdempotentConsumers consumers, DispatchFold fold, OrderRepository orders) {
        this.orders = orders;
        this.fold = fold;
        this.consumer = consumers.named(CONSUMER)
                .on(List.of(EventTypes.DISPATCH_BOOKED, EventTypes.DISPATCH_UPDATED), DispatchSnapshot.class,
                        (event, dispatch) -> ifKnown(event, orderId -> fold.apply(orderId, dispatch)))
                .on(EventTypes.DISPATCH_FAILED, DispatchFailure.class,
                        (event, failure) -> ifKnown(event, orderId -> fold.apply(orderId, failure)));
    }

    @KafkaListener(topics = Topics.DISPATCH_EVENTS, groupId = "order-service")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    private void ifKnown(EventEnvelope event, Consumer<UUID> apply) {
        UUID orderId = UUID.fromString(event.subject());
        if (orders.find(orderId).isEmpty()) {
            log.atWarn().addKeyValue("orderId", orderId).log("Dispatch news for unknown order {} skipped", orderId);
            return;
        }
        apply.accept(orderId);
    }
}
