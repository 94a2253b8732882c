package dev.orderflow.contracts.courier;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data of {@code courier.location}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CourierLocationEvent(String orderId, double lat, double lng, Double heading, Instant occurredAt) {
}
