package dev.orderflow.realtime.socket;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.view.OrderChanged;
import dev.orderflow.realtime.view.OrderView;

/**
 * Waits for orders the view has not read yet. The gateway learns of orders from the event log, so a
 * page opened right after the order was placed usually asks to join its room first; that join is
 * answered once the order is read, or with {@code ORDER_NOT_FOUND} after {@code join-wait}
 * (docs/contract.md §5). Bounded per session and in total: unknown ids cannot pile up.
 */
@Component
public class OrderArrivals implements DisposableBean {

    static final int MAX_PER_SESSION = 8;
    static final int MAX_TOTAL = 10_000;

    private final OrderView view;
    private final Duration wait;
    private final Map<String, Set<Waiter>> byOrder = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> perSession = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "socket-join-wait");
        t.setDaemon(true);
        return t;
    });

    public OrderArrivals(OrderView view, RealtimeProperties properties) {
        this.view = view;
        this.wait = properties.joinWait();
    }

    /**
     * Runs {@code arrived} once {@code orderId} is read (on the reader's thread), or {@code timedOut}
     * after the wait; exactly one of them. False (and neither runs) when it cannot wait: waiting is
     * off, or the session or the gateway already waits for as many orders as it may.
     */
    boolean await(UUID session, String orderId, Runnable arrived, Runnable timedOut) {
        if (wait.isZero() || total.get() >= MAX_TOTAL) {
            return false;
        }
        AtomicInteger mine = perSession.computeIfAbsent(session, s -> new AtomicInteger());
        if (mine.incrementAndGet() > MAX_PER_SESSION) {
            release(session, mine);
            return false;
        }
        total.incrementAndGet();
        Waiter waiter = new Waiter(session, orderId, arrived, timedOut);
        byOrder.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.timeout = timer.schedule(() -> waiter.finish(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        if (view.find(orderId).isPresent()) {
            read(orderId); // read between the caller's look and the waiter's registration
        }
        return true;
    }

    @EventListener
    public void on(OrderChanged changed) {
        read(changed.order().orderId());
    }

    /** The view has just read {@code orderId}: answer whoever waits for it. Cheap when nobody waits. */
    void read(String orderId) {
        if (byOrder.isEmpty()) {
            return;
        }
        Set<Waiter> waiters = byOrder.remove(orderId);
        if (waiters != null) {
            waiters.forEach(w -> w.finish(true));
        }
    }

    int waiting() {
        return total.get();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    private void release(UUID session, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            perSession.remove(session, count);
        }
    }

    private final class Waiter {
        private final UUID session;
        private final String orderId;
        private final Runnable arrived;
        private final Runnable timedOut;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        private Waiter(UUID session, String orderId, Runnable arrived, Runnable timedOut) {
            this.session = session;
            this.orderId = orderId;
            this.arrived = arrived;
            this.timedOut = timedOut;
        }

        void finish(boolean orderRead) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            total.decrementAndGet();
            AtomicInteger count = perSession.get(session);
            if (count != null) {
                release(session, count);
            }
            if (orderRead) {
                ScheduledFuture<?> pending = timeout;
                if (pending != null) {
                    pending.cancel(false);
                }
                arrived.run();
            } else {
                byOrder.computeIfPresent(orderId, (id, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
                timedOut.run();
            }
        }
    }
}
