package dev.orderflow.dispatch.booking;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.dispatches.Otp;
import dev.orderflow.dispatch.gate.OrderGates;
import dev.orderflow.dispatch.kwik.KwikBooking;
import dev.orderflow.dispatch.kwik.KwikClient;
import dev.orderflow.dispatch.kwik.KwikException;
import dev.orderflow.dispatch.riders.CourierMode;
import dev.orderflow.dispatch.riders.Offers;

/**
 * Books a REQUESTED dispatch with Kwik, outside any transaction (a slow courier must not hold
 * database locks). Only the worker that claimed the booking calls Kwik, so a redelivered event,
 * the sweeper and a re-dispatch cannot book twice. Retries with backoff and a circuit breaker
 * (Resilience4j, application.yml); a booking that keeps failing ends FAILED with dispatch.failed.
 */
@Service
public class Bookings {

    private final DispatchRepository dispatches;
    private final DispatchEvents events;
    private final OrderGates gates;
    private final KwikClient kwik;
    private final TransactionTemplate tx;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Duration lease;
    private final Cancellations cancellations;
    private final Offers offers;

    public Bookings(DispatchRepository dispatches, DispatchEvents events, OrderGates gates, KwikClient kwik,
                    TransactionTemplate tx, RetryRegistry retries, CircuitBreakerRegistry breakers,
                    @Value("${orderflow.dispatch.booking-lease:2m}") Duration lease, Cancellations cancellations,
                    Offers offers) {
        this.offers = offers;
        this.dispatches = dispatches;
        this.events = events;
        this.gates = gates;
        this.kwik = kwik;
        this.tx = tx;
        this.retry = retries.retry("kwik-booking");
        this.breaker = breakers.circuitBreaker("kwik");
        this.lease = lease;
        this.cancellations = cancellations;
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
        Dispatch result;
        try {
            Supplier<KwikBooking> call = () -> kwik.createTask(requested.orderId().toString(), gate.delivery(),
                    gate.instruction());
            KwikBooking booking = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
            String otp = Otp.newCode();
            result = tx.execute(s -> events.booked(dispatches.lock(dispatchId).orElseThrow(), booking.jobId(),
                    booking.trackingUrl(), otp));
        } catch (KwikException | CallNotPermittedException e) {
            result = tx.execute(s -> events.bookingFailed(dispatches.lock(dispatchId).orElseThrow(), e.getMessage()));
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
}
