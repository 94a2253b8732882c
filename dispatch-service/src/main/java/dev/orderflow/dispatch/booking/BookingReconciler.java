package dev.orderflow.dispatch.booking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.kwik.KwikClient;
import dev.orderflow.dispatch.kwik.KwikException;
import dev.orderflow.dispatch.kwik.KwikTask;

/**
 * Makes Kwik's task list for an order agree with ours: at most one live delivery task, the one
 * our active dispatch tracks. Every other live task of the order (a retry's duplicate that
 * landed after we had adopted another, a booking made for an attempt that ended FAILED) is
 * cancelled. Runs for orders whose booking outcome was uncertain, until their watch ends
 * ({@code orderflow.dispatch.reconcile-for}); never while an attempt is still REQUESTED (its
 * claimer may be about to adopt a task).
 */
@Component
public class BookingReconciler {

    private static final Logger log = LoggerFactory.getLogger(BookingReconciler.class);

    private final DispatchRepository dispatches;
    private final KwikClient kwik;

    public BookingReconciler(DispatchRepository dispatches, KwikClient kwik) {
        this.dispatches = dispatches;
        this.kwik = kwik;
    }

    @Scheduled(fixedDelayString = "${orderflow.dispatch.sweep-interval:10s}",
            initialDelayString = "${orderflow.dispatch.sweep-interval:10s}")
    public void reconcileWatched() {
        dispatches.ordersToReconcile().forEach(this::reconcile);
    }

    /** Cancels the order's live Kwik delivery tasks that no active dispatch tracks; the number cancelled. */
    public int reconcile(UUID orderId) {
        List<KwikTask> live;
        try {
            live = kwik.tasksOf(orderId.toString()).stream().filter(KwikTask::isLiveDelivery).toList();
        } catch (KwikException e) {
            log.atWarn().addKeyValue("orderId", orderId).log("Looking up the order's Kwik tasks failed: {}", e.getMessage());
            return 0;
        }
        int cancelled = 0;
        for (KwikTask task : live) {
            Optional<Dispatch> latest = dispatches.latest(orderId); // read again before each cancel
            if (latest.isEmpty() || latest.get().status() == null) {
                return cancelled;
            }
            if (latest.get().status().isActive() && task.jobId().equals(latest.get().providerJobId())) {
                continue;
            }
            try {
                kwik.cancelTask(task.jobId());
                cancelled++;
                log.atWarn().addKeyValue("event", "DISPATCH_EXTRA_CANCELLED").addKeyValue("orderId", orderId)
                        .addKeyValue("providerJobId", task.jobId())
                        .log("Cancelled a Kwik task no dispatch tracks (a duplicate booking)");
            } catch (KwikException e) {
                log.atError().addKeyValue("event", "DISPATCH_EXTRA_NOT_CANCELLED").addKeyValue("orderId", orderId)
                        .addKeyValue("providerJobId", task.jobId())
                        .log("A Kwik task no dispatch tracks could not be cancelled: {}", e.getMessage());
            }
        }
        return cancelled;
    }
}
