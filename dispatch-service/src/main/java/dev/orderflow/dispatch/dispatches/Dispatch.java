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

    /** Who made a change when no person did: the history's {@code changedBy}. */
    public static final String SYSTEM = "dispatch-service";

    /**
     * What comes with a move besides the status: who made it ({@code actor}: a user's id, a courier,
     * or {@link #SYSTEM}), why ({@code source}, the history note), and driver/ETA if they said.
     */
    public record Changes(String actor, String source, Driver driver, Instant etaAt) {

        public static Changes by(String source) {
            return new Changes(SYSTEM, source, null, null);
        }

        public static Changes by(String actor, String source) {
            return new Changes(actor == null ? SYSTEM : actor, source, null, null);
        }
    }

    /** Kwik accepted the booking of this REQUESTED dispatch. */
    public Dispatch booked(String jobId, String trackingUrl, String otpHash, Instant at) {
        return new Dispatch(id, orderId, attempt, DispatchStatus.BOOKED, null, provider, jobId, trackingUrl, null, null,
                otpHash, 0, version + 1, at);
    }

    /** The booking of this REQUESTED dispatch kept failing. */
    public Dispatch bookingFailed(Instant at) {
        return new Dispatch(id, orderId, attempt, DispatchStatus.FAILED, null, provider, null, null, null, null, null, 0,
                version + 1, at);
    }

    /** A later move (courier progress, cancel, OTP); the caller has checked that {@code next} is allowed. */
    public Dispatch movedTo(DispatchStatus next, Changes changes, Instant at) {
        return new Dispatch(id, orderId, attempt, next, status, provider, providerJobId, trackingUrl,
                changes.driver() != null ? changes.driver() : driver, changes.etaAt() != null ? changes.etaAt() : etaAt,
                otpHash, otpFailures, version + 1, at);
    }

    public DispatchSnapshot snapshot() {
        return snapshot(null);
    }

    /** {@code otp} is given only for dispatch.booked, for the customer's own view of the order. */
    public DispatchSnapshot snapshot(String otp) {
        return snapshot(otp, null, null, null);
    }

    /** The event data of a change: who made it and why, and the rider it took the job from, if any. */
    public DispatchSnapshot snapshot(String otp, String previousAgentId, String changedBy, String note) {
        return new DispatchSnapshot(id.toString(), orderId.toString(), status, previousStatus, provider, providerJobId,
                trackingUrl, driver, etaAt, otp, attempt, version, updatedAt, previousAgentId, changedBy, note);
    }

    public String agentId() {
        return driver == null ? null : driver.agentId();
    }
}
