package dev.orderflow.dispatch.courier;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.DispatchRepository;

/**
 * What the courier says about a job, applied forward only (docs/contract.md §3): a late, repeated or
 * backward status is noted as courier news and changes nothing. Webhooks and the poller both
 * come through here, so they cannot disagree.
 */
@Service
public class DispatchProgress {

    private static final Logger log = LoggerFactory.getLogger(DispatchProgress.class);

    private final DispatchRepository dispatches;
    private final DispatchEvents events;

    public DispatchProgress(DispatchRepository dispatches, DispatchEvents events) {
        this.dispatches = dispatches;
        this.events = events;
    }

    /** The moved dispatch, or empty when the news changed nothing. */
    @Transactional(propagation = Propagation.REQUIRED)
    public Optional<Dispatch> apply(String provider, String jobId, DispatchStatus reported, Driver driver, String source) {
        Optional<Dispatch> found = dispatches.lockByJob(provider, jobId);
        if (found.isEmpty()) {
            log.atWarn().addKeyValue("providerJobId", jobId).log("Courier news for unknown job {} ignored", jobId);
            return Optional.empty();
        }
        Dispatch current = found.get();
        dispatches.recordCourierNews(current.id());
        if (current.status() == null || !current.status().canMoveTo(reported)) {
            log.atDebug().addKeyValue("orderId", current.orderId())
                    .log("{} after {} ignored (late or repeated)", reported, current.status());
            return Optional.empty();
        }
        return Optional.of(events.moved(current, reported, new Dispatch.Changes(provider.toLowerCase(java.util.Locale.ROOT), source, driver, null)));
    }
}
