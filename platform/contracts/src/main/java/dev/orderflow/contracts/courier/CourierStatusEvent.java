package dev.orderflow.contracts.courier;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;

/** Data of {@code courier.status}: a courier's status for one job, normalised, with the raw value kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CourierStatusEvent(String provider, String providerJobId, String orderId, DispatchStatus status,
                                 String providerStatus, Driver driver, Instant occurredAt) {
}
