package dev.orderflow.dispatch.booking;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.kwik.KwikClient;
import dev.orderflow.dispatch.kwik.KwikException;
import dev.orderflow.dispatch.riders.CourierMode;
import dev.orderflow.platform.problem.ApiException;

/** Cancels an order's live booking at Kwik, then records CANCELED — only from BOOKED or ASSIGNED. */
@Service
public class Cancellations {

    private static final Logger log = LoggerFactory.getLogger(Cancellations.class);

    private final DispatchRepository dispatches;
    private final DispatchEvents events;
    private final KwikClient kwik;
    private final TransactionTemplate tx;

    public Cancellations(DispatchRepository dispatches, DispatchEvents events, KwikClient kwik, TransactionTemplate tx) {
        this.dispatches = dispatches;
        this.events = events;
        this.kwik = kwik;
        this.tx = tx;
    }

    /** The staff command: errors are the caller's to see. */
    public Dispatch cancel(UUID orderId, String reason) {
        return cancel(orderId, reason, Dispatch.SYSTEM);
    }

    public Dispatch cancel(UUID orderId, String reason, String actor) {
        Dispatch current = dispatches.latest(orderId)
                .orElseThrow(() -> new ApiException(ErrorCode.DISPATCH_NOT_FOUND, "Order " + orderId + " has no dispatch"));
        if (current.status() == null || !current.status().isCancellable()) {
            throw notCancellable(current);
        }
        try {
            if (!CourierMode.IN_HOUSE_PROVIDER.equals(current.provider())) {
                kwik.cancelTask(current.providerJobId()); // our own riders are told by the CANCELED event
            }
        } catch (KwikException e) {
            log.atWarn().addKeyValue("orderId", orderId).log("Kwik refused to cancel: {}", e.getMessage());
            throw new ApiException(ErrorCode.DISPATCH_NOT_CANCELLABLE, "The courier refused: " + e.getMessage());
        }
        return tx.execute(s -> {
            Dispatch locked = dispatches.lock(current.id()).orElseThrow();
            if (locked.status() == DispatchStatus.CANCELED) {
                return locked;
            }
            if (!locked.status().isCancellable()) {
                throw notCancellable(locked);
            }
            return events.moved(locked, DispatchStatus.CANCELED, Dispatch.Changes.by(actor, reason == null || reason.isBlank()
                    ? "cancelled by staff" : reason));
        });
    }

    /** The order was cancelled: cancel its dispatch if it has not been picked up; otherwise leave it be. */
    public void cancelForCancelledOrder(UUID orderId, String reason) {
        dispatches.latest(orderId)
                .filter(d -> d.status() != null && d.status().isCancellable())
                .ifPresent(d -> {
                    try {
                        cancel(orderId, reason == null ? "order cancelled" : "order cancelled: " + reason);
                    } catch (ApiException e) {
                        log.atWarn().addKeyValue("orderId", orderId)
                                .log("Dispatch of a cancelled order not cancelled: {}", e.getMessage());
                    }
                });
    }

    private static ApiException notCancellable(Dispatch d) {
        String status = d.status() == null ? Dispatch.REQUESTED : d.status().name();
        return new ApiException(ErrorCode.DISPATCH_NOT_CANCELLABLE, "A " + status + " dispatch cannot be cancelled");
    }
}
