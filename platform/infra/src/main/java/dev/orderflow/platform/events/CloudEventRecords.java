package dev.orderflow.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * CloudEvents 1.0 over Kafka in binary mode (docs/contract.md §4): {@code ce_*} headers, the JSON
 * data as the value, key = orderId (= {@code ce_subject}), and the W3C {@code traceparent}
 * header that carries the trace from the HTTP call that caused the event.
 */
public final class CloudEventRecords {

    public static final String TRACEPARENT = "traceparent";
    /** CloudEvents Kafka binding, binary mode: the type travels as this header. */
    static final String TYPE_HEADER = "ce_type";

    private CloudEventRecords() {
    }

    /** Builds the Kafka record for one event. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope event) {
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(event.id())
                .withType(event.type())
                .withSource(URI.create(event.source()))
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(event.data())
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory
                .createWriter(topic, event.subject())
                .writeBinary(cloudEvent);
        if (event.traceparent() != null) {
            record.headers().add(TRACEPARENT, event.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /**
     * The record's {@code ce_type} header without reading the rest: consumers skip the types they do
     * not handle before parsing anything. Null if the header is missing.
     */
    public static String typeOf(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(TYPE_HEADER);
        return type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }

    /** Reads a record written by {@link #toRecord}; throws {@link IllegalArgumentException} if it is not one. */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent;
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record);
            cloudEvent = reader.toEvent();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a CloudEvent record at " + record.topic() + "@" + record.offset(), e);
        }
        Header traceparent = record.headers().lastHeader(TRACEPARENT);
        return new EventEnvelope(
                cloudEvent.getId(),
                cloudEvent.getType(),
                cloudEvent.getSource().toString(),
                cloudEvent.getSubject(),
                cloudEvent.getTime() == null ? Instant.EPOCH : cloudEvent.getTime().toInstant(),
                traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8),
                cloudEvent.getData() == null ? new byte[0] : cloudEvent.getData().toBytes());
    }
}
