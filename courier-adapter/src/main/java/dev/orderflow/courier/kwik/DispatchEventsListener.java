package dev.orderflow.courier.kwik;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.IdempotentConsumer;
import dev.orderflow.platform.outbox.IdempotentConsumers;

/** Learns which order a Kwik job belongs to from dispatch-service's events (dispatch.booked / updated). */
@Component
public class DispatchEventsListener {

    static final String CONSUMER = "courier-adapter.jobs";

    private final KwikCallbackHandler kwik;
    private final IdempotentConsumer consumer;

    public DispatchEventsListener(IdempotentConsumers consumers, KwikCallbackHandler kwik) {
        this.kwik = kwik;
        this.consumer = consumers.named(CONSUMER)
                .on(List.of(EventTypes.DISPATCH_BOOKED, EventTypes.DISPATCH_UPDATED), DispatchSnapshot.class, this::learn);
    }

    @KafkaListener(topics = Topics.DISPATCH_EVENTS, groupId = "courier-adapter-jobs")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.accept(record);
    }

    private void learn(EventEnvelope event, DispatchSnapshot dispatch) {
        if (dispatch.providerJobId() != null && dispatch.orderId() != null
                && KwikCallbackHandler.PROVIDER.equalsIgnoreCase(dispatch.provider())) {
            kwik.learnJob(dispatch.providerJobId(), dispatch.orderId(), dispatch.id());
        }
    }
}
