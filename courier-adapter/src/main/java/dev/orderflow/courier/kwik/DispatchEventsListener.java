package dev.orderflow.courier.kwik;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.ProcessedEvents;

/** Learns which order a Kwik job belongs to from dispatch-service's events (dispatch.booked / updated). */
@Component
public class DispatchEventsListener {

    static final String CONSUMER = "courier-adapter.jobs";

    private final ProcessedEvents processed;
    private final KwikCallbackHandler kwik;
    private final JsonMapper json;

    public DispatchEventsListener(ProcessedEvents processed, KwikCallbackHandler kwik, JsonMapper json) {
        this.processed = processed;
        this.kwik = kwik;
        this.json = json;
    }

    @KafkaListener(topics = Topics.DISPATCH_EVENTS, groupId = "courier-adapter-jobs")
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = CloudEventRecords.fromRecord(record);
        if (!EventTypes.DISPATCH_BOOKED.equals(event.type()) && !EventTypes.DISPATCH_UPDATED.equals(event.type())) {
            return;
        }
        if (!processed.firstDelivery(CONSUMER, event.id())) {
            return;
        }
        DispatchSnapshot dispatch = json.readValue(event.data(), DispatchSnapshot.class);
        if (dispatch.providerJobId() != null && dispatch.orderId() != null
                && KwikCallbackHandler.PROVIDER.equalsIgnoreCase(dispatch.provider())) {
            kwik.learnJob(dispatch.providerJobId(), dispatch.orderId(), dispatch.id());
        }
    }
}
