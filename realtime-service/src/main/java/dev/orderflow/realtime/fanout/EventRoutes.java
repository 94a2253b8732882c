package dev.orderflow.realtime.fanout;

import static dev.orderflow.contracts.EventTypes.COURIER_LOCATION;
import static dev.orderflow.contracts.EventTypes.DISPATCH_BOOKED;
import static dev.orderflow.contracts.EventTypes.DISPATCH_UPDATED;
import static dev.orderflow.contracts.EventTypes.ORDER_CANCELLED;
import static dev.orderflow.contracts.EventTypes.ORDER_CREATED;
import static dev.orderflow.contracts.EventTypes.ORDER_UPDATED;
import static dev.orderflow.contracts.EventTypes.NOTIFICATION_CREATED;
import static dev.orderflow.realtime.fanout.Route.Audience.ADMIN;
import static dev.orderflow.realtime.fanout.Route.Audience.AGENT;
import static dev.orderflow.realtime.fanout.Route.Audience.CUSTOMER;
import static dev.orderflow.realtime.fanout.Route.Audience.ORDER;
import static dev.orderflow.realtime.fanout.Route.Audience.PREVIOUS_AGENT;
import static dev.orderflow.realtime.fanout.Route.Audience.RIDERS;
import static dev.orderflow.realtime.fanout.Route.Audience.RECIPIENT;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.orderflow.contracts.order.CustomerWords;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.realtime.fanout.Route.Audience;
import dev.orderflow.realtime.fanout.Route.Channel;

/**
 * THE mapping from Kafka events to socket events and rooms (docs/contract.md §5). Every emitted
 * payload also gets {@code orderId}, {@code version}, {@code traceId}, {@code occurredAt} and
 * {@code cursor} from {@link FanOut}; nothing else in the gateway decides who gets what.
 */
public final class EventRoutes {

    private static final Set<String> ANY_ORDER_CHANGE = Set.of(ORDER_CREATED, ORDER_UPDATED, ORDER_CANCELLED);
    private static final Set<String> DISPATCH_CHANGE = Set.of(DISPATCH_BOOKED, DISPATCH_UPDATED);
    private static final List<Audience> EVERYONE_ON_THE_ORDER = List.of(ORDER, CUSTOMER, ADMIN, AGENT);

    public static final List<Route> TABLE = List.of(
            // kafka types            socket event              legacy  audience                         payload               when
            row(ANY_ORDER_CHANGE,          "order.updated",          false, EVERYONE_ON_THE_ORDER,            GatewayEvent::data,   always()),
            row(Set.of(ORDER_CREATED),     "order:created",          false, List.of(CUSTOMER, ADMIN),         GatewayEvent::data,   always()),
            row(Set.of(ORDER_CREATED),     "order:new",              true,  List.of(CUSTOMER, ADMIN),         GatewayEvent::data,   always()),
            row(ANY_ORDER_CHANGE,          "order:updated",          true,  EVERYONE_ON_THE_ORDER,            GatewayEvent::data,   always()),
            row(ANY_ORDER_CHANGE,          "order:status:updated",   true,  EVERYONE_ON_THE_ORDER,            GatewayEvent::data,   always()),
            row(Set.of(ORDER_CANCELLED),   "order:cancelled",        false, EVERYONE_ON_THE_ORDER,            GatewayEvent::data,   always()),
            row(DISPATCH_CHANGE,           "dispatch:updated",       false, List.of(ORDER, ADMIN),            GatewayEvent::data,   always()),
            row(DISPATCH_CHANGE,           "order:assigned",         false, List.of(AGENT, ADMIN, ORDER),     EventRoutes::assignment, EventRoutes::newlyAssigned),
            row(DISPATCH_CHANGE,           "order:unassigned",       false, List.of(PREVIOUS_AGENT, ADMIN),   EventRoutes::unassignment, e -> lostBy(e) != null),
            row(DISPATCH_CHANGE,           "job:available",          false, List.of(RIDERS, ADMIN),           EventRoutes::openJob, EventRoutes::isOpenInHouseJob),
            row(DISPATCH_CHANGE,           "order:eta:update",       false, List.of(ORDER, ADMIN),            EventRoutes::eta,     e -> e.field("etaAt") != null),
            row(Set.of(COURIER_LOCATION),  "driver:location:update", false, List.of(ORDER, ADMIN),            EventRoutes::location, always()),
            // a stored notification (order-service's inbox, docs/notifications.md) to its one recipient
            row(Set.of(NOTIFICATION_CREATED), "notification",        false, List.of(RECIPIENT),               EventRoutes::notice,  always()),
            // the plain-WebSocket protocol of /orders/track (snake_case frames, its own shape)
            new Route(ANY_ORDER_CHANGE, "order_update", false, Channel.TRACK, List.of(ORDER), EventRoutes::trackUpdate, always()),
            new Route(Set.of(COURIER_LOCATION), "driver_location", false, Channel.TRACK, List.of(ORDER), EventRoutes::trackLocation, always()),
            new Route(DISPATCH_CHANGE, "eta_update", false, Channel.TRACK, List.of(ORDER), EventRoutes::trackEta, e -> e.field("etaAt") != null));

    private EventRoutes() {
    }

    private static Route row(Set<String> types, String event, boolean legacy, List<Audience> audience,
                             Function<GatewayEvent, Map<String, Object>> payload, Predicate<GatewayEvent> when) {
        return new Route(types, event, legacy, Channel.SOCKET_IO, audience, payload, when);
    }

    private static Predicate<GatewayEvent> always() {
        return e -> true;
    }

    /**
     * The dispatch became ASSIGNED (a courier's driver, a rider accepting), or the job went to a
     * rider who did not have it (an in-house offer while BOOKED, a staff assignment or reassignment).
     */
    private static boolean newlyAssigned(GatewayEvent e) {
        Object status = e.field("status");
        boolean becameAssigned = "ASSIGNED".equals(status) && !"ASSIGNED".equals(e.field("previousStatus"));
        boolean handedToRider = ("ASSIGNED".equals(status) || "BOOKED".equals(status)) && e.agentId() != null
                && !e.agentId().equals(e.field("previousAgentId"));
        return becameAssigned || handedToRider;
    }

    /** The rider this dispatch change took the job from, or null. */
    static String lostBy(GatewayEvent e) {
        return e.field("previousAgentId") instanceof String previous && !previous.equals(driverAgent(e)) ? previous : null;
    }

    private static Object driverAgent(GatewayEvent e) {
        return e.field("driver") instanceof Map<?, ?> driver ? driver.get("agentId") : null;
    }

    private static boolean isOpenInHouseJob(GatewayEvent e) {
        return "IN_HOUSE".equals(e.field("provider")) && "BOOKED".equals(e.field("status")) && driverAgent(e) == null;
    }

    private static Map<String, Object> assignment(GatewayEvent e) {
        return fields("dispatchId", e.field("id"), "status", e.field("status"), "driver", e.field("driver"),
                "agentId", e.agentId(), "offer", "BOOKED".equals(e.field("status")), "provider", e.field("provider"),
                "etaAt", e.field("etaAt"));
    }

    private static Map<String, Object> unassignment(GatewayEvent e) {
        return fields("dispatchId", e.field("id"), "status", e.field("status"), "agentId", lostBy(e),
                "reason", e.field("note"));
    }

    private static Map<String, Object> openJob(GatewayEvent e) {
        return fields("dispatchId", e.field("id"), "status", e.field("status"), "provider", e.field("provider"));
    }

    /** {@code estimatedTime}: whole minutes from now to {@code etaAt}, rounded up, never negative. */
    private static Map<String, Object> eta(GatewayEvent e) {
        return fields("estimatedTime", minutesUntil(e.field("etaAt")), "etaAt", e.field("etaAt"));
    }

    static Long minutesUntil(Object etaAt) {
        try {
            long seconds = Duration.between(Instant.now(), Instant.parse(String.valueOf(etaAt))).toSeconds();
            return Math.max(0, (seconds + 59) / 60);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The shape ({@code latitude}, {@code longitude}, {@code timestamp}) plus the older {@code lat}/{@code lng}. */
    private static Map<String, Object> location(GatewayEvent e) {
        return fields("latitude", e.field("lat"), "longitude", e.field("lng"), "heading", e.field("heading"),
                "timestamp", e.field("occurredAt"), "lat", e.field("lat"), "lng", e.field("lng"));
    }

    private static Map<String, Object> trackLocation(GatewayEvent e) {
        return fields("type", "driver_location", "order_id", e.orderId(), "latitude", e.field("lat"),
                "longitude", e.field("lng"), "heading", e.field("heading"), "timestamp", e.field("occurredAt"));
    }

    private static Map<String, Object> trackEta(GatewayEvent e) {
        return fields("type", "eta_update", "order_id", e.orderId(), "estimated_time", minutesUntil(e.field("etaAt")),
                "eta_at", e.field("etaAt"));
    }

    private static Map<String, Object> notice(GatewayEvent e) {
        return fields("id", e.field("id"), "type", e.field("type"), "priority", e.field("priority"),
                "title", e.field("title"), "message", e.field("message"), "orderId", e.field("orderId"),
                "audience", e.field("audience"), "createdAt", e.field("createdAt"), "traceId", e.field("traceId"));
    }

    /**
     * {@code order_update}: the status in lowercase as the mobile protocol spells it ({@code out_for_delivery}),
     * and the change in the customer's words, the same as the tracking page's timeline ({@link CustomerWords}).
     */
    private static Map<String, Object> trackUpdate(GatewayEvent e) {
        String status = Objects.toString(e.field("status"), null);
        String message;
        if (ORDER_CANCELLED.equals(e.type())) {
            message = "Order cancelled" + (e.field("reason") == null ? "" : ": " + e.field("reason"));
        } else {
            String words = CustomerWords.of(changes(e.field("changes")), riderName(e.field("dispatch")));
            message = words != null ? words : CustomerWords.status(status);
        }
        return fields("type", "order_update", "order_id", e.orderId(),
                "status", status == null ? null : status.toLowerCase(Locale.ROOT), "message", message,
                "version", e.version(), "traceId", e.traceId());
    }

    private static List<FieldChange> changes(Object changes) {
        if (!(changes instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(Map.class::cast)
                .map(c -> new FieldChange(string(c.get("field")), string(c.get("from")), string(c.get("to"))))
                .toList();
    }

    private static String riderName(Object dispatch) {
        return dispatch instanceof Map<?, ?> d && d.get("driver") instanceof Map<?, ?> driver ? string(driver.get("name")) : null;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /** An ordered map of the non-null pairs. */
    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
