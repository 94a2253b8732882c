package dev.orderflow.courier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.fixtures.Dispatches;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Callbacks without our orderId are keyed by the job → order directory learnt from dispatch.events. */
class JobDirectoryTest extends CourierAdapterTestBase {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCallbackWithoutOrderIdIsKeyedByTheBookedJob() {
        String orderId = newOrderId();
        String jobId = "9" + System.nanoTime() % 1_000_000_000L;
        publishBooked(orderId, jobId);
        await().atMost(Duration.ofSeconds(30)).until(() -> knows(jobId));

        assertThat(postWebhook(callbackWithoutOrderId(jobId, 1)).body()).contains("\"outcome\":\"PUBLISHED\"");
        CourierStatusEvent event = events().statuses(orderId, 1).getFirst();
        assertThat(event.orderId()).isEqualTo(orderId);
        assertThat(event.status()).isEqualTo(DispatchStatus.PICKED_UP);
    }

    @Test
    void anUnmatchedCallbackIsPublishedOnceItsJobBecomesKnown() {
        String orderId = newOrderId();
        String jobId = "8" + System.nanoTime() % 1_000_000_000L;
        assertThat(postWebhook(callbackWithoutOrderId(jobId, 0)).body()).contains("\"outcome\":\"UNMATCHED\"");

        publishBooked(orderId, jobId);
        CourierStatusEvent event = events().statuses(orderId, 1).getFirst();
        assertThat(event.providerJobId()).isEqualTo(jobId);
        assertThat(event.status()).isEqualTo(DispatchStatus.ASSIGNED);
        assertThat(jdbc.sql("SELECT unmatched FROM webhook_inbox WHERE job_id = ?").param(jobId)
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void aMalformedDispatchRecordGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() {
        String key = newOrderId();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DISPATCH_EVENTS, key, "not a cloud event".getBytes()));
            producer.flush();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.DISPATCH_EVENTS)));
            List<String> deadKeys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> deadKeys.add(r.key()));
                return deadKeys.contains(key);
            });
        }
        // the same partition (same key) still moves on
        String jobId = "7" + System.nanoTime() % 1_000_000_000L;
        publishBooked(key, jobId);
        await().atMost(Duration.ofSeconds(30)).until(() -> knows(jobId));
    }

    private boolean knows(String jobId) {
        return jdbc.sql("SELECT count(*) FROM courier_jobs WHERE provider_job_id = ?").param(jobId)
                .query(Long.class).single() == 1;
    }

    private String callbackWithoutOrderId(String jobId, int status) {
        return json.writeValueAsString(Map.of("job_id", Long.parseLong(jobId), "job_status", status,
                "fleet_name", "Ngozi Okafor", "timestamp", Instant.now().toString()));
    }

    private void publishBooked(String orderId, String jobId) {
        DispatchSnapshot booked = Dispatches.dispatchOf(orderId).job(jobId).build();
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), EventTypes.DISPATCH_BOOKED,
                "/dispatch-service", orderId, Instant.now(), null, json.writeValueAsBytes(booked));
        try (var producer = producer()) {
            producer.send(CloudEventRecords.toRecord(Topics.DISPATCH_EVENTS, event));
            producer.flush();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }
}
