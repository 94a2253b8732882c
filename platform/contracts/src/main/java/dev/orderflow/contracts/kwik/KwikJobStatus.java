package dev.orderflow.contracts.kwik;

import java.util.Optional;

import dev.orderflow.contracts.dispatch.DispatchStatus;

/**
 * Tookan's numeric job statuses (assumed for Kwik: docs/kwik.md §3) and their normalised dispatch status.
 * Source of the codes: Tookan's published API; the same table is in public Kwik clients
 * (e.g. the kwik-node README). The mapping is ours (docs/kwik.md §3).
 */
public enum KwikJobStatus {
    ASSIGNED(0, DispatchStatus.ASSIGNED),
    STARTED(1, DispatchStatus.PICKED_UP),
    SUCCESSFUL(2, DispatchStatus.DELIVERED),
    FAILED(3, DispatchStatus.FAILED),
    IN_PROGRESS(4, DispatchStatus.IN_TRANSIT),
    UNASSIGNED(6, DispatchStatus.BOOKED),
    ACCEPTED(7, DispatchStatus.ASSIGNED),
    DECLINED(8, DispatchStatus.FAILED),
    CANCELLED(9, DispatchStatus.CANCELED),
    DELETED(10, DispatchStatus.CANCELED);

    private final int code;
    private final DispatchStatus normalised;

    KwikJobStatus(int code, DispatchStatus normalised) {
        this.code = code;
        this.normalised = normalised;
    }

    public int code() {
        return code;
    }

    public DispatchStatus normalised() {
        return normalised;
    }

    /** The status with this code; empty for a code Tookan does not define (kept raw, never guessed). */
    public static Optional<KwikJobStatus> ofCode(int code) {
        for (KwikJobStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
