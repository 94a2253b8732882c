package dev.orderflow.order.notifications;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stored notification as the API shows it to one reader. {@code userId} is null and
 * {@code audience} is {@code STAFF} for the inbox all staff share; {@code readAt} is this reader's.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Notification(UUID id, String userId, String audience, String type, String priority, String title,
                           String message, UUID orderId, Instant createdAt, Instant readAt, String traceId) {
}
