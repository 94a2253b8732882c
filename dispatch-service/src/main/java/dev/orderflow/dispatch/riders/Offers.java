package dev.orderflow.dispatch.riders;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.kwik.KwikProperties;
import dev.orderflow.platform.problem.ApiException;

/**
 * Who carries an in-house job. A BOOKED job is offered to the nearest free rider (BOOKED with
 * {@code driver.agentId}); the rider accepts (ASSIGNED) or declines, and an offer not accepted in
 * {@code offer-timeout} goes to the next rider. Staff assign or reassign directly (ASSIGNED). Every
 * hand-over is one {@link DispatchEvents#handedOver} event naming the rider who lost the job.
 */
@Service
public class Offers {

    private static final String LIVE_OFFER = "provider = 'IN_HOUSE' AND status = 'BOOKED' AND driver ->> 'agentId' IS NOT NULL";

    private final DispatchRepository dispatches;
    private final DispatchEvents events;
    private final RiderRepository riders;
    private final RiderProperties properties;
    private final Position shop;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public Offers(DispatchRepository dispatches, DispatchEvents events, RiderRepository riders,
                  RiderProperties properties, KwikProperties kwik, JdbcClient jdbc, TransactionTemplate tx) {
        this.dispatches = dispatches;
        this.events = events;
        this.riders = riders;
        this.properties = properties;
        this.shop = new Position(kwik.pickup().latitude(), kwik.pickup().longitude());
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** AUTO: is a free rider near enough to the shop to take a job now? */
    public boolean freeRiderNearby() {
        return riders.nearestFree(shop, properties.maxDistanceKm(), properties.onlineWithin(), Set.of()).isPresent();
    }

    /** Offers a BOOKED, unoffered job to the nearest free rider who has not turned it down; false if none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean offerNext(Dispatch booked) {
        Optional<Rider> rider = riders.nearestFree(shop, properties.maxDistanceKm(), properties.onlineWithin(),
                declined(booked.id()));
        if (rider.isEmpty()) {
            return false;
        }
        setOffered(booked.id(), Instant.now());
        events.handedOver(booked, DispatchStatus.BOOKED, rider(rider.get().agentId()), Dispatch.SYSTEM,
                "offered to the nearest free rider " + rider.get().agentId());
        return true;
    }

    /** The rider takes the job offered to it: ASSIGNED. Repeating it changes nothing. */
    public Dispatch accept(UUID orderId, String agentId) {
        return tx.execute(s -> {
            Dispatch d = ownJob(orderId, agentId);
            if (d.status() == DispatchStatus.ASSIGNED) {
                return d;
            }
            if (d.status() != DispatchStatus.BOOKED) {
                throw new ApiException(ErrorCode.INVALID_TRANSITION, "The job is " + d.status() + "; nothing to accept");
            }
            setOffered(d.id(), null);
            return events.moved(d, DispatchStatus.ASSIGNED, Dispatch.Changes.by(agentId, "accepted by the rider"));
        });
    }

    /** The rider turns the offer down: it goes to the next rider, or waits unassigned. */
    public Dispatch decline(UUID orderId, String agentId, String reason) {
        return tx.execute(s -> {
            Dispatch d = ownJob(orderId, agentId);
            if (d.status() != DispatchStatus.BOOKED) {
                throw new ApiException(ErrorCode.INVALID_TRANSITION,
                        "Only an offer can be declined; an accepted job is handed back by staff");
            }
            return withdraw(d, agentId, agentId, "declined by the rider" + (reason == null || reason.isBlank() ? "" : ": " + reason));
        });
    }

    /** Staff give the job to {@code agentId} (or another rider): ASSIGNED at once, the previous rider loses it. */
    public Dispatch assign(UUID orderId, String agentId, String staffId) {
        return tx.execute(s -> {
            Dispatch d = dispatches.lockLatest(orderId)
                    .orElseThrow(() -> new ApiException(ErrorCode.DISPATCH_NOT_FOUND, "Order " + orderId + " has no dispatch"));
            if (!CourierMode.IN_HOUSE_PROVIDER.equals(d.provider())) {
                throw new ApiException(ErrorCode.DISPATCH_NOT_ASSIGNABLE,
                        "Kwik assigns its own drivers; cancel the dispatch and re-dispatch to use our riders");
            }
            if (d.status() != DispatchStatus.BOOKED && d.status() != DispatchStatus.ASSIGNED) {
                throw new ApiException(ErrorCode.DISPATCH_NOT_ASSIGNABLE,
                        "A " + (d.status() == null ? Dispatch.REQUESTED : d.status()) + " dispatch cannot be (re)assigned");
            }
            if (agentId.equals(d.agentId()) && d.status() == DispatchStatus.ASSIGNED) {
                return d;
            }
            setOffered(d.id(), null);
            String note = d.agentId() == null ? "assigned to " + agentId : "reassigned from " + d.agentId() + " to " + agentId;
            return events.handedOver(d, DispatchStatus.ASSIGNED, rider(agentId), staffId, note);
        });
    }

    /** Offers not accepted in time go to the next rider; unoffered jobs are offered as riders come free. */
    @Scheduled(fixedDelayString = "${orderflow.dispatch.riders.offer-sweep:1s}")
    public void sweep() {
        Timestamp expired = Timestamp.from(Instant.now().minus(properties.offerTimeout()));
        for (Dispatch offer : dispatches.where(LIVE_OFFER + " AND offered_at < ?", expired)) {
            // re-checked under the lock: another instance may have moved the offer on meanwhile
            tx.executeWithoutResult(s -> dispatches.lock(offer.id())
                    .filter(d -> d.status() == DispatchStatus.BOOKED && d.agentId() != null && offeredBefore(d.id(), expired))
                    .ifPresent(d -> withdraw(d, d.agentId(), Dispatch.SYSTEM, "offer to " + d.agentId() + " expired")));
        }
        for (Dispatch waiting : dispatches.where(
                "provider = 'IN_HOUSE' AND status = 'BOOKED' AND driver ->> 'agentId' IS NULL ORDER BY created_at")) {
            tx.executeWithoutResult(s -> dispatches.lock(waiting.id())
                    .filter(d -> d.status() == DispatchStatus.BOOKED && d.agentId() == null)
                    .ifPresent(this::offerNext));
        }
    }

    private Dispatch withdraw(Dispatch offered, String agentId, String actor, String note) {
        jdbc.sql("UPDATE dispatches SET declined_by = array_append(declined_by, ?), offered_at = NULL WHERE id = ?")
                .params(agentId, offered.id()).update();
        Dispatch open = events.handedOver(offered, DispatchStatus.BOOKED, null, actor, note);
        offerNext(open);
        return dispatches.find(offered.id()).orElse(open);
    }

    private Dispatch ownJob(UUID orderId, String agentId) {
        return dispatches.lockLatest(orderId)
                .filter(d -> agentId.equals(d.agentId()))
                .orElseThrow(() -> new ApiException(ErrorCode.DISPATCH_NOT_FOUND, "No job of yours for order " + orderId));
    }

    private Set<String> declined(UUID dispatchId) {
        return new HashSet<>(List.of(jdbc.sql("SELECT declined_by FROM dispatches WHERE id = ?").param(dispatchId)
                .query((rs, row) -> (String[]) rs.getArray(1).getArray()).single()));
    }

    private boolean offeredBefore(UUID dispatchId, Timestamp expired) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT offered_at < ? FROM dispatches WHERE id = ?")
                .params(expired, dispatchId).query(Boolean.class).single());
    }

    private void setOffered(UUID dispatchId, Instant at) {
        jdbc.sql("UPDATE dispatches SET offered_at = ? WHERE id = ?")
                .params(at == null ? null : Timestamp.from(at), dispatchId).update();
    }

    private static Driver rider(String agentId) {
        return new Driver(agentId, null, agentId);
    }
}
