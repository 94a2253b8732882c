package dev.orderflow.courier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.contracttesting.AsyncApiContract;

import org.awaitility.Awaitility;

/** Reads what the outbox relay really published on courier.events and courier.locations. */
final class CourierEvents implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();

    CourierEvents(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "courier-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.COURIER_EVENTS, Topics.COURIER_LOCATIONS));
    }

    /** Waits until {@code count} records with this key are on {@code topic}; returns them in order. */
    List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return records(topic, key).size() >= count;
        });
        List<ConsumerRecord<String, byte[]>> records = records(topic, key);
        // what the relay really published must fit docs/asyncapi.yaml (headers, fields, types)
        records.forEach(AsyncApiContract.load()::assertRecord);
        return records;
    }

    /** The statuses published for {@code orderId}, waiting for at least {@code count}. */
    List<CourierStatusEvent> statuses(String orderId, int count) {
        return awaitRecords(Topics.COURIER_EVENTS, orderId, count).stream()
                .map(r -> json.readValue(r.value(), CourierStatusEvent.class)).toList();
    }

    List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : seen) {
            if (record.topic().equals(topic) && key.equals(record.key())) {
                matching.add(record);
            }
        }
        return matching;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    JsonMapper json() {
        return json;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
