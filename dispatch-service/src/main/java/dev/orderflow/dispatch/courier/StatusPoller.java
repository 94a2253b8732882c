package dev.orderflow.dispatch.courier;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.kwik.KwikClient;
import dev.orderflow.dispatch.kwik.KwikException;
import dev.orderflow.dispatch.kwik.KwikTask;

/**
 * The fallback for missed webhooks: an active dispatch with no courier news for
 * {@code stale-after} is re-read from Kwik's get_task_status and applied like a webhook.
 * Bookings polls an adopted task at once the same way ({@link #pollNow}).
 */
@Component
public class StatusPoller {

    private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);
    private static final int BATCH = 100;

    private final DispatchRepository dispatches;
    private final DispatchProgress progress;
    private final KwikClient kwik;
    private final TransactionTemplate tx;
    private final Duration staleAfter;

    public StatusPoller(DispatchRepository dispatches, DispatchProgress progress, KwikClient kwik, TransactionTemplate tx,
                        @Value("${orderflow.dispatch.poller.stale-after:2m}") Duration staleAfter) {
        this.dispatches = dispatches;
        this.progress = progress;
        this.kwik = kwik;
        this.tx = tx;
        this.staleAfter = staleAfter;
    }

    @Scheduled(fixedDelayString = "${orderflow.dispatch.poller.interval:30s}",
            initialDelayString = "${orderflow.dispatch.poller.interval:30s}")
    public void reconcile() {
        for (Dispatch stale : dispatches.staleActive(Instant.now().minus(staleAfter), BATCH)) {
            pollNow(stale, "status poller");
        }
    }

    /**
     * Reads the Kwik task of a booked dispatch and applies its status like a webhook, noted as
     * {@code source}; a status code Kwik does not define counts as courier news only. A failed read
     * is logged and left to the next round of {@link #reconcile}.
     */
    public void pollNow(Dispatch booked, String source) {
        try {
            KwikTask task = kwik.taskStatus(booked.providerJobId());
            task.status().ifPresentOrElse(
                    status -> tx.executeWithoutResult(s -> progress.apply(booked.provider(), booked.providerJobId(),
                            status, task.driver(), source)),
                    () -> tx.executeWithoutResult(s -> dispatches.recordCourierNews(booked.id())));
        } catch (KwikException e) {
            log.atWarn().addKeyValue("orderId", booked.orderId())
                    .log("Poll of job {} ({}) failed: {}", booked.providerJobId(), source, e.getMessage());
        }
    }
}
