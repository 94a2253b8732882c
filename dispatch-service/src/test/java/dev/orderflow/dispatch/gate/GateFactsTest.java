package dev.orderflow.dispatch.gate;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Which orders.events records the gate reads: only order.updated records that just move a status or a dispatch are skipped. */
class GateFactsTest {

    private final GateFacts facts = new GateFacts(JsonMapper.builder().build());

    private static final String STATUS = "{\"field\":\"status\",\"from\":\"CONFIRMED\",\"to\":\"PREPARING\"}";
    private static final String DISPATCH = "{\"field\":\"dispatchStatus\",\"from\":\"BOOKED\",\"to\":\"ASSIGNED\"}";
    private static final String PAID = "{\"field\":\"paymentStatus\",\"from\":\"PENDING\",\"to\":\"PAID\"}";
    private static final String READY = "{\"field\":\"readyForDispatch\",\"from\":\"false\",\"to\":\"true\"}";

    /** An order with nested objects and a note that spells a change, to show only the real {@code changes} count. */
    private static String order(String changes, String extra) {
        return "{\"id\":\"o-1\",\"items\":[{\"sku\":\"a\",\"name\":\"{\\\"field\\\":\\\"paymentStatus\\\"}\",\"quantity\":1}],"
                + "\"deliveryAddress\":{\"line1\":\"1 Road\",\"lat\":6.4},\"notes\":\"changes: paymentStatus\","
                + "\"dispatch\":{\"id\":\"d-1\",\"driver\":{\"name\":\"Ada\"},\"changes\":[" + PAID + "]},"
                + "\"status\":\"PREPARING\",\"version\":7" + extra
                + (changes == null ? "" : ",\"changes\":[" + changes + "]") + "}";
    }

    @Test
    void statusAndDispatchMovesAreSkipped() {
        assertThat(facts.mayMatter(record("order.updated", order(STATUS, "")))).isFalse();
        assertThat(facts.mayMatter(record("order.updated", order(DISPATCH + "," + STATUS, "")))).isFalse();
        assertThat(facts.mayMatter(record("order.updated", order(DISPATCH, ",\"cancelledAt\":null")))).isFalse();
    }

    @Test
    void paymentReadinessAndUnknownChangesMatter() {
        assertThat(facts.mayMatter(record("order.updated", order(PAID + "," + STATUS, "")))).isTrue();
        assertThat(facts.mayMatter(record("order.updated", order(STATUS + "," + READY, "")))).isTrue();
        assertThat(facts.mayMatter(record("order.updated",
                order("{\"field\":\"deliveryAddress\",\"from\":\"x\",\"to\":\"y\"}", "")))).isTrue();
        assertThat(facts.mayMatter(record("order.updated", order("{\"from\":\"x\"}", "")))).isTrue();
    }

    @Test
    void aCancelledOrderMattersWhateverChanged() {
        // its dispatch is cancelled on every delivery (OrdersEventsListener)
        assertThat(facts.mayMatter(record("order.updated", order(DISPATCH, ",\"cancelledAt\":\"2026-11-30T01:00:00Z\"")))).isTrue();
    }

    @Test
    void otherTypesAndUnreadablePayloadsGoTheFullWay() {
        assertThat(facts.mayMatter(record("order.created", order(null, "")))).isTrue();
        assertThat(facts.mayMatter(record("order.cancelled", order(STATUS, "")))).isTrue();
        assertThat(facts.mayMatter(record(null, order(STATUS, "")))).isTrue();
        assertThat(facts.mayMatter(record("order.updated", order(null, "")))).as("no changes: not known here").isTrue();
        assertThat(facts.mayMatter(record("order.updated", "not json"))).isTrue();
        assertThat(facts.mayMatter(record("order.updated", "{\"changes\":[" + STATUS))).isTrue();
        assertThat(facts.mayMatter(record("order.updated", "[]"))).isTrue();
    }

    private static ConsumerRecord<String, byte[]> record(String type, String value) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("orders.events", 0, 0L, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                -1, -1, "o-1", value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }
}
