package dev.orderflow.dispatch.riders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierLocationEvent;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.platform.outbox.OutboxWriter;
import dev.orderflow.platform.problem.ApiException;

/**
 * A rider's position: kept for matching offers, published as {@code courier.location} for each of
 * its live jobs (the same event a courier's position becomes, so screens need one path) and used
 * to refresh those jobs' ETA. Only a rider that is available or on a job may report; each rider
 * is held to {@code locations-per-second}.
 */
@Service
public class Positions {

    private static final String LIVE_JOBS = "provider = 'IN_HOUSE' AND driver ->> 'agentId' = ?"
            + " AND status IN ('ASSIGNED','PICKED_UP','IN_TRANSIT')";

    private final DispatchRepository dispatches;
    private final RiderRepository riders;
    private final OutboxWriter outbox;
    private final Eta eta;
    private final TransactionTemplate tx;
    private final RiderProperties properties;
    private final Map<String, TokenBucket> budgets = new ConcurrentHashMap<>();

    public Positions(DispatchRepository dispatches, RiderRepository riders, OutboxWriter outbox, Eta eta,
                     TransactionTemplate tx, RiderProperties properties) {
        this.dispatches = dispatches;
        this.riders = riders;
        this.outbox = outbox;
        this.eta = eta;
        this.tx = tx;
        this.properties = properties;
    }

    /** What became of a position: the orders it was published for, with their ETA. */
    public record Reported(List<Job> jobs) {

        public record Job(String orderId, String dispatchId, Instant etaAt) {
        }
    }

    public Reported report(String agentId, RiderLocation location) {
        if (!budgets.computeIfAbsent(agentId, id -> new TokenBucket(properties.locationsPerSecond())).tryAcquire()) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "At most " + properties.locationsPerSecond()
                    + " positions per second");
        }
        return tx.execute(s -> {
            List<Dispatch> jobs = dispatches.where(LIVE_JOBS, agentId);
            boolean available = riders.find(agentId, properties.onlineWithin()).map(Rider::available).orElse(false);
            if (jobs.isEmpty() && !available) {
                throw new ApiException(ErrorCode.NO_ACTIVE_JOB,
                        "Positions are taken while you are on a job or available for one");
            }
            riders.moved(agentId, location);
            Instant now = Instant.now();
            List<Reported.Job> published = jobs.stream().map(job -> {
                outbox.append(Topics.COURIER_LOCATIONS, EventTypes.COURIER_LOCATION, job.orderId().toString(),
                        new CourierLocationEvent(job.orderId().toString(), location.lat(), location.lng(),
                                location.heading(), now));
                Dispatch current = eta.update(dispatches.lock(job.id()).orElseThrow(), location.position());
                return new Reported.Job(job.orderId().toString(), job.id().toString(), current.etaAt());
            }).toList();
            return new Reported(published);
        });
    }

    /** {@code perSecond} sustained, twice that as a burst. */
    private static final class TokenBucket {

        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(int perSecond) {
            this.perSecond = perSecond;
            this.tokens = perSecond * 2.0;
        }

        synchronized boolean tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(perSecond * 2.0, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
