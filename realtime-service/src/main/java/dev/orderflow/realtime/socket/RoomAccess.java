package dev.orderflow.realtime.socket;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.fanout.Rooms;
import dev.orderflow.realtime.view.OrderView;
import dev.orderflow.realtime.view.TrackedOrder;

/** Which rooms a caller is put in, and whether it may join one it asks for. */
@Component
public class RoomAccess {

    public static final String BENCH_PREFIX = "bench:";

    private final OrderView view;
    private final boolean benchEnabled;

    public RoomAccess(OrderView view, RealtimeProperties properties) {
        this.view = view;
        this.benchEnabled = properties.benchEnabled();
    }

    /** The rooms joined on connect (docs/contract.md §5). */
    public Set<String> ownRooms(Caller caller) {
        Set<String> rooms = new LinkedHashSet<>();
        rooms.add(Rooms.user(caller.userId()));
        if (caller.isStaff()) {
            rooms.add(Rooms.ADMIN);
        }
        if (caller.isAgent()) {
            rooms.add(Rooms.DELIVERY);
            rooms.add(Rooms.delivery(caller.userId()));
        }
        return rooms;
    }

    /** {@code "order:{id}"}, {@code {room}} or {@code {orderId}}: the room asked for, or null. */
    public static String roomOf(Object request) {
        if (request instanceof String room) {
            return room.isBlank() || room.length() > 200 ? null : room;
        }
        if (request instanceof Map<?, ?> map) {
            if (map.get("room") instanceof String room) {
                return roomOf(room);
            }
            if (map.get("orderId") instanceof String orderId) {
                return roomOf(Rooms.order(orderId));
            }
        }
        return null;
    }

    /** Empty when the caller may join, else the contract code why not. */
    public Optional<ErrorCode> refusal(Caller caller, String room) {
        String orderId = Rooms.orderIdOf(room);
        if (orderId != null) {
            Optional<TrackedOrder> order = view.find(orderId);
            if (order.isEmpty()) {
                return Optional.of(ErrorCode.ORDER_NOT_FOUND);
            }
            return caller.canSee(order.get().customerId(), order.get().agentId()) ? Optional.empty() : Optional.of(ErrorCode.FORBIDDEN);
        }
        if (ownRooms(caller).contains(room) || benchEnabled && room.startsWith(BENCH_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(ErrorCode.FORBIDDEN);
    }
}
