package dev.orderflow.dispatch.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.dispatch.courier.StatusPoller;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.dispatches.OrderGates;
import dev.orderflow.dispatch.dispatches.Otp;
import dev.orderflow.dispatch.kwik.KwikBooking;
import dev.orderflow.dispatch.kwik.KwikClient;
import dev.orderflow.dispatch.kwik.KwikException;
import dev.orderflow.dispatch.kwik.KwikTask;
import dev.orderflow.dispatch.riders.CourierMode;
import dev.orderflow.dispatch.riders.Offers;

/**
 * Books a REQUESTED dispatch with Kwik, outside any transaction (a slow courier must not hold
 * database locks). Only the worker that claimed the booking calls Kwik. Kwik has no idempotency
 * key, so every try — the first, each retry, a re-claim after a crashed worker's lease — first
 * looks the order up at Kwik by our reference and adopts a live delivery task it finds; only if
 * there is none does it create one. A booking whose outcome was uncertain (a timeout, a lost
 * reply, an adopted task) stays under watch ({@link BookingReconciler}) so an extra task that
 * lands late is cancelled. Retries with backoff and a circuit breaker (Resilience4j,
 * application.yml); a booking that keeps failing ends FAILED with dispatch.failed.
 */
@Service
public class Bookings {

    private static final Logger log = LoggerFactory.getLogger(Bookings.class);

    private final DispatchRepository dispatches;
    private final DispatchEvents events;
    private final OrderGates gates;
    private final KwikClient kwik;
    private final TransactionTemplate tx;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Duration lease;
    private final Duration watch;
    private final Cancellations cancellations;
    private final BookingReconciler reconciler;
    private final Offers offers;
    private final StatusPoller poller;

    public Bookings(DispatchRepository dispatches, DispatchEvents events, OrderGates gates, KwikClient kwik,
                    TransactionTemplate tx, RetryRegistry retries, CircuitBreakerRegistry breakers,
                    @Value("${orderflow.dispatch.booking-lease:2m}") Duration lease,
                    @Value("${orderflow.dispatch.reconcile-for:5m}") Duration watch,
                    Cancellations cancellations, BookingReconciler reconciler, Offers offers, StatusPoller poller) {
        this.offers = offers;
        this.poller = poller;
        this.dispatches = dispatches;
        this.events = events;
        this.gates = gates;
        this.kwik = kwik;
        this.tx = tx;
        this.retry = retries.retry("kwik-booking");
        this.breaker = breakers.circuitBreaker("kwik");
        this.lease = lease;
        this.watch = watch;
        this.cancellations = cancellations;
        this.reconciler = reconciler;
    }

    /** The dispatch after the attempt: BOOKED, FAILED, or unchanged if another worker holds the booking. */
    public Dispatch book(UUID dispatchId) {
        if (!Boolean.TRUE.equals(tx.execute(s -> dispatches.claimBooking(dispatchId, lease)))) {
            return dispatches.find(dispatchId).orElseThrow();
        }
        Dispatch requested = dispatches.find(dispatchId).orElseThrow();
        if (CourierMode.IN_HOUSE_PROVIDER.equals(requested.provider())) {
            return bookInHouse(dispatchId);
        }
        OrderGates.Gate gate = gates.find(requested.orderId()).orElseThrow();
        String orderId = requested.orderId().toString();
        Set<String> otherAttempts = dispatches.jobsOfOtherAttempts(requested.orderId(), dispatchId);
        AtomicBoolean uncertain = new AtomicBoolean();
        AtomicBoolean adopted = new AtomicBoolean();
        Supplier<KwikBooking> call = () -> {
            try {
                return adopt(orderId, otherAttempts, uncertain, adopted)
                        .orElseGet(() -> kwik.createTask(orderId, gate.delivery(), gate.instruction()));
            } catch (KwikException e) {
                // a timeout or a 5xx may have booked all the same: the next try looks first
                uncertain.compareAndSet(false, e.retryable());
                throw e;
            }
        };
        Dispatch result;
        try {
            KwikBooking booking = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
            result = tx.execute(s -> booked(dispatchId, booking, uncertain.get()));
        } catch (KwikException | CallNotPermittedException e) {
            result = tx.execute(s -> failed(dispatchId, e.getMessage(), uncertain.get()));
        }
        if (adopted.get() && result != null && result.status() == DispatchStatus.BOOKED) {
            // its webhooks came while no dispatch knew the job and were ignored (a worker killed between
            // Kwik's acceptance and our commit, as the chaos run found): catch up now, not when it goes stale
            poller.pollNow(result, "adopted task");
        }
        if (uncertain.get()) {
            reconciler.reconcile(requested.orderId());
        }
        if (gates.find(requested.orderId()).map(OrderGates.Gate::cancelled).orElse(false)) {
            // the order was cancelled while we were booking: undo at once
            cancellations.cancelForCancelledOrder(requested.orderId(), "order cancelled while booking");
        }
        return dispatches.find(dispatchId).orElse(result);
    }

    /** Our own riders: no outside call; BOOKED at once and offered to the nearest free rider. */
    private Dispatch bookInHouse(UUID dispatchId) {
        String otp = Otp.newCode();
        return tx.execute(s -> {
            Dispatch booked = events.booked(dispatches.lock(dispatchId).orElseThrow(), "IH-" + dispatchId, null, otp);
            offers.offerNext(booked);
            return dispatches.find(dispatchId).orElseThrow();
        });
    }

    /**
     * A delivery task Kwik already holds for this order, live or already delivered, that no other attempt
     * owns (the oldest). An adopted task that is further along is moved there once booked
     * ({@link StatusPoller#pollNow}).
     */
    private Optional<KwikBooking> adopt(String orderId, Set<String> otherAttempts, AtomicBoolean uncertain,
                                        AtomicBoolean adopted) {
        Optional<KwikTask> found = kwik.tasksOf(orderId).stream()
                .filter(KwikTask::isRiddenDelivery)
                .filter(t -> !otherAttempts.contains(t.jobId()))
                .findFirst();
        found.ifPresent(t -> {
            uncertain.set(true);
            adopted.set(true);
            log.atWarn().addKeyValue("event", "DISPATCH_ADOPTED").addKeyValue("orderId", orderId)
                    .addKeyValue("providerJobId", t.jobId())
                    .log("Kwik already holds a booking for the order (a lost reply or a crashed worker): adopted");
        });
        return found.map(t -> new KwikBooking(t.jobId(), t.trackingUrl(), null));
    }

    /** BOOKED, only if the dispatch is still being requested (a re-claim may have been quicker). */
    private Dispatch booked(UUID dispatchId, KwikBooking booking, boolean uncertain) {
        Dispatch current = dispatches.lock(dispatchId).orElseThrow();
        if (uncertain) {
            dispatches.reconcileUntil(dispatchId, Instant.now().plus(watch));
        }
        if (current.status() != null) {
            if (!booking.jobId().equals(current.providerJobId())) {
                // somebody else booked this attempt meanwhile: ours is an extra for the reconciler
                dispatches.reconcileUntil(dispatchId, Instant.now().plus(watch));
            }
            return current;
        }
        return events.booked(current, booking.jobId(), booking.trackingUrl(), Otp.newCode());
    }

    /** FAILED, only if the dispatch is still being requested. */
    private Dispatch failed(UUID dispatchId, String detail, boolean uncertain) {
        Dispatch current = dispatches.lock(dispatchId).orElseThrow();
        if (uncertain) {
            dispatches.reconcileUntil(dispatchId, Instant.now().plus(watch));
        }
        return current.status() != null ? current : events.bookingFailed(current, detail);
    }
}
