package dev.orderflow.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

import dev.orderflow.contracts.Topics;
import dev.orderflow.contracttesting.AsyncApiContract;
import dev.orderflow.embedded.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbox → Debezium → Kafka end to end: every change is a CloudEvent on orders.events keyed by the
 * order id, carrying the consolidated order, and the caller's trace continues in its traceparent.
 */
class OrderEventsTest extends OrderServiceTestBase {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void everyChangeIsPublishedInOrderWithCloudEventHeadersAndTheCallersTrace() {
        Response created = call(HttpMethod.POST, "/api/v1/orders", staffToken(), orderBody(newUser()),
                "traceparent", "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01");
        String id = created.text("id");
        assertThat(created.headers().getFirst("X-Trace-Id")).isEqualTo(CALLER_TRACE);
        post("/api/v1/orders/" + id + "/payment/capture", staffToken(), null);
        patchStatus(id, "PREPARING");
        post("/api/v1/orders/" + id + "/cancel", staffToken(), Map.of("reason", "customer changed mind"));

        List<ConsumerRecord<String, byte[]>> records = orderEvents(id, 4);
        assertThat(records).hasSize(4);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly("order.created", "order.updated", "order.updated", "order.cancelled");
        assertThat(records).extracting(r -> data(r).get("version").asLong()).containsExactly(1L, 2L, 3L, 4L);
        // the real records fit docs/asyncapi.yaml: headers, every field named there, types and formats
        AsyncApiContract contract = AsyncApiContract.load();
        contract.assertRecord("orderCreated", records.get(0));
        contract.assertRecord("orderUpdated", records.get(1));
        contract.assertRecord("orderUpdated", records.get(2));
        contract.assertRecord("orderCancelled", records.get(3));
        // the notifications stored for it ride orders.events too (notification.created), e.g. on cancel
        topics().readUntil(all -> !notificationsOf(id).isEmpty(), Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> notifications = notificationsOf(id);
        assertThat(notifications).isNotEmpty();
        notifications.forEach(contract::assertRecord);

        ConsumerRecord<String, byte[]> first = records.getFirst();
        assertThat(first.key()).isEqualTo(id);
        assertThat(TopicReader.header(first, "ce_subject")).isEqualTo(id);
        assertThat(TopicReader.header(first, "ce_id")).isNotBlank();
        assertThat(TopicReader.header(first, "ce_source")).isNotBlank();
        assertThat(TopicReader.header(first, "ce_time")).isNotBlank();
        assertThat(TopicReader.header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(first, "traceparent")).startsWith("00-" + CALLER_TRACE + "-");
        assertThat(data(first).get("traceId").asString()).isEqualTo(CALLER_TRACE);
        assertThat(data(first).get("total").asString()).isEqualTo("9.68");

        JsonNode paid = data(records.get(1));
        assertThat(paid.get("paymentStatus").asString()).isEqualTo("PAID");
        assertThat(paid.get("changes").toString())
                .isEqualTo("[{\"field\":\"paymentStatus\",\"from\":\"PENDING\",\"to\":\"PAID\"},"
                        + "{\"field\":\"status\",\"from\":\"PENDING\",\"to\":\"CONFIRMED\"}]");
        assertThat(paid.get("statusChangedAt").asString()).isEqualTo(paid.get("updatedAt").asString());
        JsonNode cancelled = data(records.get(3));
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("reason").asString()).isEqualTo("customer changed mind");
        assertThat(TopicReader.header(records.get(3), "traceparent"))
                .as("each change carries the trace of its own request").doesNotContain(CALLER_TRACE);
    }

    @Test
    void aRejectedCommandPublishesNothing() {
        String id = createOrder(newUser());
        assertThat(patchStatus(id, "DELIVERED").code()).isEqualTo("INVALID_TRANSITION");
        patchStatus(id, "CONFIRMED");
        List<ConsumerRecord<String, byte[]>> records = orderEvents(id, 2);
        assertThat(records).extracting(r -> data(r).get("status").asString()).containsExactly("PENDING", "CONFIRMED");
    }

    private List<ConsumerRecord<String, byte[]>> notificationsOf(String orderId) {
        return topics().records(Topics.ORDERS_EVENTS, orderId).stream()
                .filter(r -> "notification.created".equals(TopicReader.header(r, "ce_type"))).toList();
    }

    private JsonNode data(ConsumerRecord<String, byte[]> record) {
        return json.readTree(record.value());
    }
}
