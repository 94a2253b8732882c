package dev.orderflow.realtime.view;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import dev.orderflow.realtime.RealtimeProperties;

/**
 * The gateway's own view of recent orders, rebuilt from {@code orders.events} on start:
 * used to authorise room joins and to replay what a reconnecting client missed. Written only by
 * the log reader thread, read by socket threads.
 * <p>
 * Per partition it knows the <em>horizon</em>: the first offset from which it has seen every
 * record (where the start-up look-back began, raised when old orders are evicted). A cursor
 * below the horizon cannot be answered truthfully, so the client is told to refetch.
 */
@Component
public class OrderView {

    private final int maxOrders;
    private final Map<String, TrackedOrder> orders = new ConcurrentHashMap<>();
    private final Map<String, AgentClaim> agents = new ConcurrentHashMap<>();
    private final Map<Integer, Long> horizon = new ConcurrentHashMap<>();
    private final Map<Integer, Long> position = new ConcurrentHashMap<>();
    /** Update order, oldest first, for eviction; stale entries are skipped (single writer, no lock). */
    private final Deque<Update> updateOrder = new ArrayDeque<>();
    private volatile boolean ready;

    public OrderView(RealtimeProperties properties) {
        this.maxOrders = properties.maxOrders();
    }

    /** The reader starts reading {@code partition} at {@code offset}: nothing before it is known. */
    public void startPartition(int partition, long offset) {
        horizon.put(partition, offset);
        position.put(partition, offset);
    }

    /** Records the order's new state if it is newer than what is known; always advances the position. */
    public boolean apply(TrackedOrder order) {
        position.merge(order.partition(), order.offset() + 1, Math::max);
        TrackedOrder known = orders.get(order.orderId());
        if (known != null && known.version() >= order.version()) {
            return false;
        }
        orders.put(order.orderId(), withClaim(order, agents.get(order.orderId())));
        updateOrder.addLast(new Update(order.orderId(), order.partition(), order.offset()));
        evictBeyondCapacity();
        return true;
    }

    /** A record that carries no order state (or could not be read) was passed. */
    public void skip(int partition, long offset) {
        position.merge(partition, offset + 1, Math::max);
    }

    /** Something replayable at {@code nextOffset - 1} was forgotten: cursors before it cannot be answered. */
    public void raiseHorizon(int partition, long nextOffset) {
        horizon.merge(partition, nextOffset, Math::max);
    }

    /**
     * A dispatch named the agent (or took the job from one) before the next order snapshot did:
     * authorise the new agent, and no longer the old one, now.
     */
    public void assignAgent(String orderId, String agentId, long attempt, long dispatchVersion) {
        AgentClaim claim = agents.merge(orderId, new AgentClaim(agentId, attempt, dispatchVersion),
                (old, news) -> news.isNewerThan(old.attempt(), old.version()) ? news : old);
        orders.computeIfPresent(orderId, (id, known) -> withClaim(known, claim));
    }

    /**
     * Which rider a dispatch event named, by dispatch attempt and version. The order snapshots on
     * orders.events are read on their own topic, so one folded from an older dispatch event may
     * arrive after a newer dispatch event: it must not hand the order back to a rider who lost it.
     */
    private record AgentClaim(String agentId, long attempt, long version) {

        boolean isNewerThan(long otherAttempt, long otherVersion) {
            return attempt > otherAttempt || attempt == otherAttempt && version > otherVersion;
        }
    }

    private TrackedOrder withClaim(TrackedOrder order, AgentClaim claim) {
        if (claim == null || Objects.equals(claim.agentId(), order.agentId())) {
            return order;
        }
        return claim.isNewerThan(order.dispatchAttempt(), order.dispatchVersion()) ? order.withAgent(claim.agentId()) : order;
    }

    public Optional<TrackedOrder> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    public Cursor cursor() {
        return new Cursor(position);
    }

    public void markReady() {
        ready = true;
    }

    /** The view is rebuilt from the log (readiness, EventLogHealthIndicator). */
    public boolean isReady() {
        return ready;
    }

    /**
     * The orders the client may see that changed at or after {@code since}, oldest first, or
     * not recovered when the view no longer reaches back to {@code since}.
     */
    public Replay replaySince(Cursor since, Predicate<TrackedOrder> visible) {
        Cursor now = cursor();
        boolean reachable = horizon.entrySet().stream().allMatch(h -> since.nextOffset(h.getKey()) >= h.getValue())
                && since.nextOffsets().keySet().stream().allMatch(horizon::containsKey);
        if (!reachable) {
            return new Replay(false, List.of(), now);
        }
        List<TrackedOrder> missed = orders.values().stream()
                .filter(o -> o.offset() >= since.nextOffset(o.partition()))
                .filter(visible)
                .sorted(Comparator.comparingLong(TrackedOrder::offset))
                .toList();
        return new Replay(true, missed, now);
    }

    public record Replay(boolean recovered, List<TrackedOrder> orders, Cursor cursor) {
    }

    private record Update(String orderId, int partition, long offset) {
    }

    private void evictBeyondCapacity() {
        while (orders.size() > maxOrders && !updateOrder.isEmpty()) {
            Update oldest = updateOrder.pollFirst();
            TrackedOrder current = orders.get(oldest.orderId());
            if (current != null && current.partition() == oldest.partition() && current.offset() == oldest.offset()) {
                orders.remove(oldest.orderId());
                agents.remove(oldest.orderId());
                horizon.merge(current.partition(), current.offset() + 1, Math::max);
            }
        }
    }
}
