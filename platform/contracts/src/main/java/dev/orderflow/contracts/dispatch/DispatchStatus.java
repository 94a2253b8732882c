package dev.orderflow.contracts.dispatch;

import java.util.Set;

/**
 * Normalised dispatch status (docs/contract.md §3). Forward only along
 * BOOKED → ASSIGNED → PICKED_UP → IN_TRANSIT → DELIVERED; FAILED from any non-terminal;
 * CANCELED only from BOOKED or ASSIGNED.
 */
public enum DispatchStatus {
    BOOKED, ASSIGNED, PICKED_UP, IN_TRANSIT, DELIVERED, FAILED, CANCELED;

    private static final Set<DispatchStatus> TERMINAL = Set.of(DELIVERED, FAILED, CANCELED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** Active = holds the order's one live booking. */
    public boolean isActive() {
        return !isTerminal();
    }

    public boolean isCancellable() {
        return this == BOOKED || this == ASSIGNED;
    }

    /** True when a dispatch in this status may move to {@code next}; a repeat is not a move. */
    public boolean canMoveTo(DispatchStatus next) {
        if (isTerminal() || next == this) {
            return false;
        }
        return switch (next) {
            case FAILED -> true;
            case CANCELED -> isCancellable();
            default -> next.ordinal() > ordinal() && next.ordinal() <= DELIVERED.ordinal();
        };
    }
}
