package dev.orderflow.realtime.fanout;

import java.time.Instant;
import java.util.Map;

/**
 * One Kafka event as the fan-out table sees it: its {@code ce_type}, the people it concerns
 * (from the record or the gateway's view of the order) and its data, already cleaned
 * (no OTP) and carrying {@code orderId}, {@code version}, {@code traceId}, {@code occurredAt}.
 */
public record GatewayEvent(String type, String orderId, String customerId, String agentId, long version,
                           String traceId, Instant occurredAt, Map<String, Object> data) {

    public Object field(String name) {
        return data.get(name);
    }
}
