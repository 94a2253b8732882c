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

    public boolean isRequested() {
        return status == null;
    }

    /** REQUESTED counts as active: it holds the order's one live booking. */
    public boolean isActive() {
        return status == null || status.isActive();
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
