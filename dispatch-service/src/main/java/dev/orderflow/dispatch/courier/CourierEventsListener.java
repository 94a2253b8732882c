package dev.orderflow.dispatch.courier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.IdempotentConsumer;
import dev.orderflow.platform.outbox.IdempotentConsumers;

/** courier.events (normalised by courier-adapter) → dispatch progress, once per event id. */
@Component
public class CourierEventsListener {

    static final String CONSUMER = "dispatch-service.courier";

    private final DispatchProgress progress;
    private final IdempotentConsumer consumer;

    public CourierEventsListener(IdempotentConsumers consumers, DispatchProgress progress) {
        this.progress = progress;
        this.consumer = consumers.named(CONSUMER).on(EventTypes.COURIER_STATUS, CourierStatusEvent.class, this::apply);
    }

    @KafkaListener(topics = Topics.COURIER_EVENTS, groupId = "dispatch-service-courier")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    private void apply(EventEnvelope event, CourierStatusEvent news) {
        if (news.providerJobId() == null || news.status() == null) {
            throw new IllegalArgumentException("courier.status without providerJobId or status: " + event.id());
        }
        progress.apply(news.provider(), news.providerJobId(), news.status(), news.driver(), "courier webhook");
    }
}
