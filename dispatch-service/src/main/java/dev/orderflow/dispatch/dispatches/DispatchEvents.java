package dev.orderflow.dispatch.dispatches;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchFailure;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.outbox.OutboxWriter;
import dev.orderflow.platform.security.OtpSeal;

/**
 * Writes a dispatch change and its event in the caller's transaction: the row, then the outbox
 * record on dispatch.events (key = orderId). The one place dispatch state is written.
 */
@Component
public class DispatchEvents {

    private static final Logger log = LoggerFactory.getLogger(DispatchEvents.class);

    private final DispatchRepository dispatches;
    private final OutboxWriter outbox;
    private final OtpSeal seal;

    public DispatchEvents(DispatchRepository dispatches, OutboxWriter outbox, OtpSeal seal) {
        this.dispatches = dispatches;
        this.outbox = outbox;
        this.seal = seal;
    }

    /**
     * The booking was accepted: BOOKED, and the OTP travels once, sealed for order-service (which
     * opens it for the customer's own view only; docs/security.md §OTP).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dispatch booked(Dispatch requested, String jobId, String trackingUrl, String otp) {
        Dispatch booked = requested.booked(jobId, trackingUrl, Otp.hash(otp), Instant.now());
        dispatches.update(booked, null);
        outbox.append(Topics.DISPATCH_EVENTS, EventTypes.DISPATCH_BOOKED, booked.orderId().toString(),
                booked.snapshot(seal.seal(otp, booked.id().toString()), null, Dispatch.SYSTEM,
                        "booked: " + booked.provider()));
        log.atInfo().addKeyValue("event", "DISPATCH_CREATED").addKeyValue("orderId", booked.orderId())
                .addKeyValue("dispatchId", booked.id()).addKeyValue("providerJobId", jobId)
                .addKeyValue("attempt", booked.attempt()).addKeyValue("provider", booked.provider()).log("Dispatch booked ({}), job {}", booked.provider(), jobId);
        return booked;
    }

    /** The booking kept failing: FAILED, and dispatch.failed so staff can re-dispatch. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dispatch bookingFailed(Dispatch requested, String detail) {
        Dispatch failed = requested.bookingFailed(Instant.now());
        dispatches.update(failed, detail);
        outbox.append(Topics.DISPATCH_EVENTS, EventTypes.DISPATCH_FAILED, failed.orderId().toString(),
                new DispatchFailure(failed.orderId().toString(), failed.id().toString(),
                        ErrorCode.DISPATCH_CREATION_FAILED.name(), detail, failed.attempt()));
        log.atWarn().addKeyValue("event", "DISPATCH_CREATION_FAILED").addKeyValue("orderId", failed.orderId())
                .addKeyValue("dispatchId", failed.id()).addKeyValue("attempt", failed.attempt())
                .log("Dispatch booking failed: {}", detail);
        return failed;
    }

    /** Any later move (courier progress, cancel, OTP): {@code next} must already be allowed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dispatch moved(Dispatch current, DispatchStatus next, Dispatch.Changes changes) {
        Dispatch moved = current.movedTo(next, changes, Instant.now());
        dispatches.update(moved, null);
        outbox.append(Topics.DISPATCH_EVENTS, EventTypes.DISPATCH_UPDATED, moved.orderId().toString(),
                moved.snapshot(null, current.agentId(), changes.actor(), changes.source()));
        log.atInfo().addKeyValue("event", "DISPATCH_UPDATED").addKeyValue("orderId", moved.orderId())
                .addKeyValue("dispatchId", moved.id()).addKeyValue("from", current.status())
                .addKeyValue("to", next).addKeyValue("source", changes.source())
                .log("Dispatch {} -> {} ({})", current.status(), next, changes.source());
        return moved;
    }

    /**
     * The job changes hands (an offer, its acceptance by staff, a reassignment, an offer withdrawn):
     * {@code driver} is written as given, null included. Every event names the rider the job was
     * with before it ({@code previousAgentId}), so a reader sees a rider losing the job and cuts it off.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dispatch handedOver(Dispatch current, DispatchStatus next, Driver driver, String actor, String note) {
        Dispatch changed = new Dispatch(current.id(), current.orderId(), current.attempt(), next, current.status(),
                current.provider(), current.providerJobId(), current.trackingUrl(), driver, current.etaAt(),
                current.otpHash(), current.otpFailures(), current.version() + 1, Instant.now());
        dispatches.update(changed, null);
        outbox.append(Topics.DISPATCH_EVENTS, EventTypes.DISPATCH_UPDATED, changed.orderId().toString(),
                changed.snapshot(null, current.agentId(), actor, note));
        log.atInfo().addKeyValue("event", "DISPATCH_UPDATED").addKeyValue("orderId", changed.orderId())
                .addKeyValue("dispatchId", changed.id()).addKeyValue("agentId", changed.agentId())
                .addKeyValue("previousAgentId", current.agentId()).addKeyValue("source", note)
                .log("Dispatch {} with {} ({})", next, changed.agentId(), note);
        return changed;
    }

    /** A new estimate of arrival; the status does not change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dispatch etaChanged(Dispatch current, Instant etaAt, String source) {
        Dispatch changed = new Dispatch(current.id(), current.orderId(), current.attempt(), current.status(),
                current.status(), current.provider(), current.providerJobId(), current.trackingUrl(),
                current.driver(), etaAt, current.otpHash(), current.otpFailures(), current.version() + 1, Instant.now());
        dispatches.update(changed, null);
        outbox.append(Topics.DISPATCH_EVENTS, EventTypes.DISPATCH_UPDATED, changed.orderId().toString(),
                changed.snapshot(null, current.agentId(), Dispatch.SYSTEM, source));
        return changed;
    }
}
