package dev.orderflow.kwiksandbox.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.kwik.KwikJobStatus;
import dev.orderflow.kwiksandbox.SandboxProperties;
import dev.orderflow.kwiksandbox.SandboxSettings;
import dev.orderflow.kwiksandbox.callback.CallbackSender;

/**
 * The sandbox's bookings, in memory. Every change of a delivery task queues its callback while
 * still holding the lock, so callbacks leave in the order the statuses changed.
 */
@Component
public class Bookings {

    private final Map<String, Booking> byUniqueOrderId = new LinkedHashMap<>();
    private final Map<Long, Task> byJobId = new LinkedHashMap<>();
    private final SandboxSettings settings;
    private final CallbackSender callbacks;
    private final String publicUrl;
    private final Clock clock = Clock.systemUTC();
    /**
     * Job ids go on from the start time, not from a fixed number: the sandbox forgets its bookings on
     * a restart while the adapter and dispatch keep theirs (a kept data directory), and a job id seen
     * again would be taken for the old job's.
     */
    private long nextJobId = clock.millis() * 10;
    private int nextOrder = 1;

    private final java.time.Duration fleetLocationInterval;
    private Instant lastFleetReport = Instant.EPOCH;

    public Bookings(SandboxSettings settings, CallbackSender callbacks, SandboxProperties properties,
                    @org.springframework.beans.factory.annotation.Value("${orderflow.kwik.sandbox.fleet-location-interval:0s}")
                    java.time.Duration fleetLocationInterval) {
        this.fleetLocationInterval = fleetLocationInterval;
        this.settings = settings;
        this.callbacks = callbacks;
        this.publicUrl = properties.publicUrl();
    }

    /** {@code traceparent}: the W3C trace header of the booking request, kept so tests can follow one trace. */
    public synchronized Booking create(String orderId, Place pickup, Place delivery, String traceparent) {
        String uniqueOrderId = "KWK%07d".formatted(nextOrder++);
        Booking booking = new Booking(uniqueOrderId, orderId, pickup, delivery,
                publicUrl + "/sandbox/track/" + uniqueOrderId, nextJobId++, nextJobId++, clock.instant(), traceparent);
        byUniqueOrderId.put(uniqueOrderId, booking);
        byJobId.put(booking.pickup().jobId(), booking.pickup());
        byJobId.put(booking.delivery().jobId(), booking.delivery());
        return booking;
    }

    public synchronized Optional<Task> task(long jobId) {
        return Optional.ofNullable(byJobId.get(jobId));
    }

    public synchronized Optional<Booking> booking(String uniqueOrderId) {
        return Optional.ofNullable(byUniqueOrderId.get(uniqueOrderId));
    }

    public synchronized List<Map<String, Object>> views() {
        return byUniqueOrderId.values().stream().map(Booking::view).toList();
    }

    /** Every task (pickup and delivery) of every booking made with this order reference, oldest first. */
    public synchronized List<Map<String, Object>> tasksOfOrder(String orderId) {
        return byUniqueOrderId.values().stream().filter(b -> orderId.equals(b.orderId()))
                .flatMap(b -> java.util.stream.Stream.of(b.pickup().view(), b.delivery().view())).toList();
    }

    public synchronized Map<String, Object> view(long jobId) {
        return task(jobId).map(Task::view).orElse(null);
    }

    /** Next timeline step of the job's booking now; empty when the job is unknown or at its end. */
    public synchronized Optional<Map<String, Object>> advance(long jobId) {
        return task(jobId).map(Task::booking)
                .flatMap(booking -> Timeline.next(booking.delivery().status()).map(next -> moveTo(booking, next)));
    }

    /** Forces any status on the job's booking (failed, declined, cancelled by the courier…). */
    public synchronized Optional<Map<String, Object>> force(long jobId, KwikJobStatus status) {
        return task(jobId).map(task -> moveTo(task.booking(), status));
    }

    public enum CancelResult { CANCELLED, NOT_CANCELLABLE, UNKNOWN_JOB }

    public synchronized CancelResult cancel(long jobId) {
        Task task = byJobId.get(jobId);
        if (task == null) {
            return CancelResult.UNKNOWN_JOB;
        }
        KwikJobStatus current = task.booking().delivery().status();
        if (current == KwikJobStatus.CANCELLED) {
            return CancelResult.CANCELLED;
        }
        if (!Timeline.isCancellable(current)) {
            return CancelResult.NOT_CANCELLABLE;
        }
        moveTo(task.booking(), KwikJobStatus.CANCELLED);
        return CancelResult.CANCELLED;
    }

    /** Re-sends the current callback of the job's booking (an exact duplicate). */
    public synchronized Optional<Map<String, Object>> resend(long jobId) {
        return task(jobId).map(task -> {
            Map<String, Object> view = task.booking().delivery().view();
            callbacks.send(view);
            return view;
        });
    }

    private Map<String, Object> moveTo(Booking booking, KwikJobStatus status) {
        Instant now = clock.instant();
        booking.delivery().moveTo(status, now);
        booking.pickup().moveTo(Timeline.pickupStatusFor(status), now);
        Map<String, Object> view = booking.delivery().view();
        callbacks.send(view);
        return view;
    }

    /** The automatic timeline: any task whose step is due moves on. */
    @Scheduled(fixedDelay = 200)
    public synchronized void advanceDueTasks() {
        if (!settings.autoAdvance()) {
            return;
        }
        Instant due = clock.instant().minus(settings.stepDelay());
        for (Booking booking : new ArrayList<>(byUniqueOrderId.values())) {
            Task delivery = booking.delivery();
            if (!delivery.statusAt().isAfter(due)) {
                Timeline.next(delivery.status()).ifPresent(next -> moveTo(booking, next));
            }
        }
    }

    /**
     * While a delivery is under way (started, in progress) its driver reports its position every
     * {@code orderflow.kwik.sandbox.fleet-location-interval} as a callback with the same status and a new
     * timestamp — Tookan's fleet location updates. The driver moves from the pickup towards the
     * customer over the two steps; 0 (the default) turns the reports off.
     */
    @Scheduled(fixedDelay = 250)
    public synchronized void reportFleetLocations() {
        Instant now = clock.instant();
        if (fleetLocationInterval.isZero() || now.isBefore(lastFleetReport.plus(fleetLocationInterval))) {
            return;
        }
        lastFleetReport = now;
        double step = settings.stepDelay().toMillis() <= 0 ? 1 : settings.stepDelay().toMillis();
        for (Booking booking : byUniqueOrderId.values()) {
            Task delivery = booking.delivery();
            if (delivery.status() != KwikJobStatus.STARTED && delivery.status() != KwikJobStatus.IN_PROGRESS) {
                continue;
            }
            double start = delivery.status() == KwikJobStatus.STARTED ? 0.0 : 0.5;
            double along = Math.min(0.49, 0.5 * (now.toEpochMilli() - delivery.statusAt().toEpochMilli()) / step);
            delivery.locate(booking.pickupPlace().towards(booking.deliveryPlace(), start + along), now);
            callbacks.send(delivery.view());
        }
    }

    public synchronized void reset() {
        byUniqueOrderId.clear();
        byJobId.clear();
    }
}
