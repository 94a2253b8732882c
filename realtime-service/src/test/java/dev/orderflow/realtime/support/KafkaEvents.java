package dev.orderflow.realtime.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierLocationEvent;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.fixtures.Dispatches;
import dev.orderflow.contracts.fixtures.Orders;
import dev.orderflow.contracts.order.DeliveryAddress;
import dev.orderflow.contracts.order.DispatchGate;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.embedded.EmbeddedInfrastructure;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

/** Writes real CloudEvent records to the embedded Kafka, as the other services would. */
public final class KafkaEvents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final KafkaProducer<String, byte[]> producer;

    public KafkaEvents() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.shared().kafka().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config);
    }

    public static String newTraceparent() {
        return "00-" + hex(16) + "-" + hex(8) + "-01";
    }

    public static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public static OrderSnapshot order(String id, String customerId, String agentId, String status, long version) {
        return order(id, customerId, agentId, status, version, null, null);
    }

    public static OrderSnapshot order(String id, String customerId, String agentId, String status, long version,
                                      DispatchSnapshot dispatch, String reason) {
        // complete as order-service publishes it (docs/asyncapi.yaml OrderSnapshot), so socket payloads can be checked
        Orders order = Orders.order(id).displayId("ORD-" + id.substring(0, 6)).customer(customerId)
                .items(List.of(new OrderItem("PARA-500", "Paracetamol 500mg", 2, new BigDecimal("4.50"))))
                .deliveryAddress(new DeliveryAddress("12 Admiralty Way", "Lagos", 6.43, 3.42, "+2348012345678"))
                .notes(null).status(status).paid(true).ready(true).gate(new DispatchGate(true, true, reason == null))
                .dispatch(dispatch).agent(agentId).version(version);
        return (reason == null ? order : order.cancelled(reason)).build();
    }

    public static DispatchSnapshot dispatch(String orderId, DispatchStatus status, DispatchStatus previous, String agentId,
                                            String otp, long version) {
        return Dispatches.dispatchOf(orderId).id("dsp-" + orderId).status(status).previous(previous)
                .trackingUrl("https://track/1").driver(agentId == null ? null : new Driver("Ade", "+234", agentId))
                .eta(Instant.now().plusSeconds(900)).otp(otp).version(version).build();
    }

    public static CourierLocationEvent location(String orderId, double lat, double lng) {
        return new CourierLocationEvent(orderId, lat, lng, 90.0, Instant.now());
    }

    /** Sends one event keyed by {@code key} (normally the orderId) and waits for the broker's ack. */
    public RecordMetadata send(String topic, String type, String key, String subject, Object data, String traceparent) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), type, "/test", subject, Instant.now(),
                traceparent, JSON.writeValueAsBytes(data));
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(topic, envelope);
        try {
            return producer.send(new ProducerRecord<>(record.topic(), null, key, record.value(), record.headers())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public RecordMetadata orderEvent(String type, OrderSnapshot order, String traceparent) {
        return send(Topics.ORDERS_EVENTS, type, order.id(), order.id(), order, traceparent);
    }

    public RecordMetadata dispatchEvent(String type, DispatchSnapshot dispatch, String traceparent) {
        return send(Topics.DISPATCH_EVENTS, type, dispatch.orderId(), dispatch.orderId(), dispatch, traceparent);
    }

    public RecordMetadata locationEvent(CourierLocationEvent location, String traceparent) {
        return send(Topics.COURIER_LOCATIONS, "courier.location", location.orderId(), location.orderId(), location, traceparent);
    }

    /** Many order events at once, without waiting for each acknowledgement. */
    public void orderEventsInBulk(String type, java.util.List<OrderSnapshot> orders) {
        for (OrderSnapshot order : orders) {
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), type, "/test", order.id(), Instant.now(),
                    newTraceparent(), JSON.writeValueAsBytes(order));
            producer.send(CloudEventRecords.toRecord(Topics.ORDERS_EVENTS, envelope));
        }
        producer.flush();
    }

    /** Raw bytes that are not a CloudEvent at all (a malformed record). */
    public void garbage(String topic, String key) {
        try {
            producer.send(new ProducerRecord<>(topic, key, "not json".getBytes())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
