package dev.orderflow.platform.events;

import java.time.Instant;

/**
 * One event as it travels: CloudEvents attributes, the W3C traceparent of its cause, and its
 * JSON data. {@code subject} is the orderId (also the Kafka key).
 */
public record EventEnvelope(String id, String type, String source, String subject, Instant time,
                            String traceparent, byte[] data) {

    /** The trace id inside {@code traceparent} ({@code 00-<traceId>-<spanId>-<flags>}), or null. */
    public String traceId() {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 3 ? parts[1] : null;
    }
}
