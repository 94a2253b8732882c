package dev.orderflow.dispatch.riders;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.platform.problem.ApiException;

/**
 * Status changes by people rather than couriers: a rider reporting its own job's progress, and
 * staff completing a stuck dispatch by hand. Forward only (docs/contract.md §3); each event
 * records who made the change and why.
 */
@Service
public class JobProgress {

    /** What a rider may report; DELIVERED needs the customer's OTP. */
    public static final Set<DispatchStatus> RIDER_STATUSES = Set.of(DispatchStatus.PICKED_UP, DispatchStatus.IN_TRANSIT,
            DispatchStatus.FAILED);
    public static final Set<DispatchStatus> STAFF_OUTCOMES = Set.of(DispatchStatus.DELIVERED, DispatchStatus.FAILED);

    private final DispatchRepository dispatches;
    private final DispatchEvents events;
    private final TransactionTemplate tx;

    public JobProgress(DispatchRepository dispatches, DispatchEvents events, TransactionTemplate tx) {
        this.dispatches = dispatches;
        this.events = events;
        this.tx = tx;
    }

    public Dispatch byRider(UUID orderId, String agentId, DispatchStatus status, String reason) {
        if (!RIDER_STATUSES.contains(status)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "status: a rider reports PICKED_UP, IN_TRANSIT or FAILED");
        }
        return tx.execute(s -> {
            Dispatch d = dispatches.lockLatest(orderId)
                    .filter(job -> agentId.equals(job.agentId()))
                    .orElseThrow(() -> new ApiException(ErrorCode.DISPATCH_NOT_FOUND, "No job of yours for order " + orderId));
            if (d.status() == status) {
                return d;
            }
            if (d.status() == DispatchStatus.BOOKED) {
                throw new ApiException(ErrorCode.INVALID_TRANSITION, "Accept the job first");
            }
            return move(d, status, agentId, status == DispatchStatus.FAILED ? "failed: " + reason : "reported by the rider");
        });
    }

    /** Staff close a dispatch the normal way cannot (OTP locked, rider unreachable): DELIVERED or FAILED. */
    public Dispatch byStaff(UUID orderId, String staffId, DispatchStatus outcome, String reason) {
        if (!STAFF_OUTCOMES.contains(outcome)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "outcome: DELIVERED or FAILED");
        }
        return tx.execute(s -> {
            Dispatch d = dispatches.lockLatest(orderId)
                    .orElseThrow(() -> new ApiException(ErrorCode.DISPATCH_NOT_FOUND, "Order " + orderId + " has no dispatch"));
            return move(d, outcome, staffId, "completed by staff: " + reason);
        });
    }

    private Dispatch move(Dispatch d, DispatchStatus next, String actor, String note) {
        if (d.status() == null || !d.status().canMoveTo(next)) {
            throw new ApiException(ErrorCode.INVALID_TRANSITION,
                    "A " + (d.status() == null ? Dispatch.REQUESTED : d.status()) + " dispatch cannot become " + next);
        }
        return events.moved(d, next, Dispatch.Changes.by(actor, note));
    }
}
