package dev.orderflow.dispatch.riders;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierLocationEvent;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

/**
 * courier.locations from Kwik (via courier-adapter) → the dispatch's ETA. Our riders' positions
 * are on the same topic but already estimated when they arrived, so only Kwik dispatches are
 * considered. A repeat computes the same estimate and so changes nothing.
 */
@Component
public class CourierLocationsListener {

    private final DispatchRepository dispatches;
    private final Eta eta;
    private final JsonMapper json;

    public CourierLocationsListener(DispatchRepository dispatches, Eta eta, JsonMapper json) {
        this.dispatches = dispatches;
        this.eta = eta;
        this.json = json;
    }

    @KafkaListener(topics = Topics.COURIER_LOCATIONS, groupId = "dispatch-service-locations")
    @Transactional
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = CloudEventRecords.fromRecord(record);
        if (!EventTypes.COURIER_LOCATION.equals(event.type())) {
            return;
        }
        CourierLocationEvent location = json.readValue(event.data(), CourierLocationEvent.class);
        dispatches.lockLatest(UUID.fromString(location.orderId()))
                .filter(d -> CourierMode.KWIK_PROVIDER.equals(d.provider()))
                .ifPresent(d -> eta.update(d, new Position(location.lat(), location.lng())));
    }
}
