package dev.orderflow.contracts.dispatch;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One dispatch attempt: the data of {@code dispatch.booked} / {@code dispatch.updated}
 * (with {@code orderId}, {@code previousStatus}, {@code version}) and the {@code dispatch}
 * member of the consolidated order. {@code otp} travels only on {@code dispatch.booked}, sealed
 * (dispatch-service → order-service, docs/security.md §OTP); order-service opens it only for the
 * customer's own view; every other reader strips it.
 * {@code previousAgentId} is the rider the job was with before this change: when it differs from
 * {@code driver.agentId} the job changed hands (an offer, a reassignment, a declined or expired
 * offer) and that rider loses it; {@code changedBy} and {@code note} say who made the change and
 * why, for the order's history (docs/contract.md §4).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DispatchSnapshot(
        String id,
        String orderId,
        DispatchStatus status,
        DispatchStatus previousStatus,
        String provider,
        String providerJobId,
        String trackingUrl,
        Driver driver,
        Instant etaAt,
        String otp,
        int attempt,
        long version,
        Instant updatedAt,
        String previousAgentId,
        String changedBy,
        String note) {

    public DispatchSnapshot withoutOtp() {
        return withOtp(null);
    }

    public DispatchSnapshot withOtp(String shown) {
        return java.util.Objects.equals(otp, shown) ? this : new DispatchSnapshot(id, orderId, status, previousStatus,
                provider, providerJobId, trackingUrl, driver, etaAt, shown, attempt, version, updatedAt, previousAgentId,
                changedBy, note);
    }

    /** The rider the job is with now (a courier's driver has none): the only agent who sees the order. */
    @JsonIgnore
    public String agentId() {
        return driver == null ? null : driver.agentId();
    }
}
