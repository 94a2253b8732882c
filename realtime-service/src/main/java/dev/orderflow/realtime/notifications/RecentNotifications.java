package dev.orderflow.realtime.notifications;

import java.time.Instant;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.springframework.stereotype.Component;

import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.fanout.GatewayEvent;
import dev.orderflow.realtime.fanout.PayloadEncoder;
import dev.orderflow.realtime.fanout.Route;
import dev.orderflow.realtime.transport.RawJson;
import dev.orderflow.realtime.view.Cursor;
import dev.orderflow.realtime.view.OrderView;

/**
 * The stored notifications ({@code notification.created} on {@code orders.events}) the gateway has
 * seen, newest last, so a client reconnecting with a cursor gets the ones it missed. They ride the
 * same topic as the orders, so the same cursor positions them; dropping the oldest beyond capacity
 * raises the view's horizon, and a cursor behind it is answered {@code recovered:false} (the client
 * then polls {@code GET /api/v1/notifications}). Written by the log reader thread only.
 */
@Component
public class RecentNotifications {

    private final OrderView view;
    private final int capacity;
    private final Deque<Seen> seen = new ConcurrentLinkedDeque<>();
    /** How many {@link #seen} holds: the deque's own size() walks every node (it was a quarter of the reader's CPU). */
    private int count;
    /** The last offset kept per partition: a record read again (a restarted reader) is not kept twice. */
    private final Map<Integer, Long> last = new HashMap<>();

    private final PayloadEncoder encoder;

    public RecentNotifications(OrderView view, RealtimeProperties properties, PayloadEncoder encoder) {
        this.view = view;
        this.capacity = properties.maxNotifications();
        this.encoder = encoder;
    }

    /** Remembers the notification (and moves the view's position past its record). */
    public void record(int partition, long offset, GatewayEvent event) {
        view.skip(partition, offset);
        String room = Route.Audience.RECIPIENT.room(event);
        if (room == null || last.getOrDefault(partition, -1L) >= offset) {
            return;
        }
        last.put(partition, offset);
        seen.addLast(new Seen(partition, offset, room, event.type(), event.orderId(), event.version(), event.traceId(),
                event.occurredAt(), encoder.raw(event.data())));
        count++;
        while (count > capacity) {
            Seen oldest = seen.pollFirst();
            count--;
            view.raiseHorizon(oldest.partition(), oldest.offset() + 1);
        }
    }

    /** The notifications for any of {@code rooms} at or after {@code since}, oldest first. */
    public List<GatewayEvent> since(Cursor since, Set<String> rooms) {
        return seen.stream()
                .filter(s -> s.offset() >= since.nextOffset(s.partition()) && rooms.contains(s.room()))
                .sorted(Comparator.comparing(Seen::occurredAt))
                .map(s -> new GatewayEvent(s.type(), s.orderId(), null, null, s.version(), s.traceId(), s.occurredAt(),
                        encoder.read(s.data().bytes())))
                .toList();
    }

    /** A kept notification; its data as JSON (up to max-notifications of them: a parsed map took ≈ 3x the heap). */
    private record Seen(int partition, long offset, String room, String type, String orderId, long version,
                        String traceId, Instant occurredAt, RawJson data) {
    }
}
