package dev.orderflow.dispatch.dispatches;

import java.time.Instant;
import java.util.UUID;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;

/**
 * One booking attempt as stored. {@code status} is null while the booking is REQUESTED (the gate
 * opened, Kwik has not answered yet): that state never leaves this service.
 */
public record Dispatch(UUID id, UUID orderId, int attempt, DispatchStatus status, DispatchStatus previousStatus,
                       String provider, String providerJobId, String trackingUrl, Driver driver, Instant etaAt,
                       String otpHash, int otpFailures, long version, Instant updatedAt) {

    public static final String REQUESTED = "REQUESTED";

    /** What comes with a move besides the status: who said so, and driver/ETA if they said. */
    public record Changes(String source, Driver driver, Instant etaAt) {

        public static Changes by(String source) {
            return new Changes(source, null, null);
        }
    }

    public DispatchSnapshot snapshot() {
        return snapshot(null);
    }

    /** {@code otp} is given only for dispatch.booked, for the customer's own view of the order. */
    public DispatchSnapshot snapshot(String otp) {
        return new DispatchSnapshot(id.toString(), orderId.toString(), status, previousStatus, provider, providerJobId,
                trackingUrl, driver, etaAt, otp, attempt, version, updatedAt);
    }
}
