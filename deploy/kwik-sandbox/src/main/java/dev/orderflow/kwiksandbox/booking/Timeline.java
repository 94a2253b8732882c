package dev.orderflow.kwiksandbox.booking;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.orderflow.contracts.kwik.KwikJobStatus;

import static dev.orderflow.contracts.kwik.KwikJobStatus.*;

/** The happy path of a delivery task: unassigned → assigned → started → in progress → successful. */
public final class Timeline {

    private static final List<KwikJobStatus> STEPS = List.of(UNASSIGNED, ASSIGNED, STARTED, IN_PROGRESS, SUCCESSFUL);
    private static final Set<KwikJobStatus> CANCELLABLE = Set.of(UNASSIGNED, ASSIGNED, ACCEPTED);
    private static final Set<KwikJobStatus> FINAL = Set.of(SUCCESSFUL, FAILED, DECLINED, CANCELLED, DELETED);

    private Timeline() {
    }

    /** The step after {@code current}; empty at the end (or after a failure or cancellation). */
    public static Optional<KwikJobStatus> next(KwikJobStatus current) {
        if (current == ACCEPTED) {
            return Optional.of(STARTED); // accepted is a variant of assigned
        }
        int index = STEPS.indexOf(current);
        return index < 0 || index == STEPS.size() - 1 ? Optional.empty() : Optional.of(STEPS.get(index + 1));
    }

    public static boolean isCancellable(KwikJobStatus status) {
        return CANCELLABLE.contains(status);
    }

    public static boolean isFinal(KwikJobStatus status) {
        return FINAL.contains(status);
    }

    /** How far along the route the driver is at {@code status} (for the location sent with callbacks). */
    static double routeFraction(KwikJobStatus status) {
        return switch (status) {
            case IN_PROGRESS -> 0.5;
            case SUCCESSFUL -> 1.0;
            default -> 0.0;
        };
    }

    /** The pickup task mirrors its delivery: done once the parcel is picked up. */
    static KwikJobStatus pickupStatusFor(KwikJobStatus delivery) {
        return switch (delivery) {
            case STARTED, IN_PROGRESS, SUCCESSFUL -> SUCCESSFUL;
            default -> delivery;
        };
    }
}
