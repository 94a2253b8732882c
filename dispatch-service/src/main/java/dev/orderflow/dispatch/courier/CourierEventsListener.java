package dev.orderflow.dispatch.courier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.ProcessedEvents;

/** courier.events (normalised by courier-adapter) → dispatch progress, once per event id. */
@Component
public class CourierEventsListener {

    static final String CONSUMER = "dispatch-service.courier";

    private final ProcessedEvents processed;
    private final DispatchProgress progress;
    private final JsonMapper json;

    public CourierEventsListener(ProcessedEvents processed, DispatchProgress progress, JsonMapper json) {
        this.processed = processed;
        this.progress = progress;
        this.json = json;
    }

    @KafkaListener(topics = Topics.COURIER_EVENTS, groupId = "dispatch-service-courier")
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = CloudEventRecords.fromRecord(record);
        if (!EventTypes.COURIER_STATUS.equals(event.type()) || !processed.firstDelivery(CONSUMER, event.id())) {
            return;
        }
        CourierStatusEvent news = json.readValue(event.data(), CourierStatusEvent.class);
        if (news.providerJobId() == null || news.status() == null) {
            throw new IllegalArgumentException("courier.status without providerJobId or status: " + event.id());
        }
        progress.apply(news.provider(), news.providerJobId(), news.status(), news.driver(), "courier webhook");
    }
}
