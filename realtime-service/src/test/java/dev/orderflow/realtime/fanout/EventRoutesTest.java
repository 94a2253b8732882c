package dev.orderflow.realtime.fanout;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out table (docs/contract.md §5) applied as {@link FanOut} applies it, without Spring or sockets. */
class EventRoutesTest {

    @Test
    void anOrderChangeReachesTheOrderRoomItsCustomerItsAgentAndStaff() {
        Map<String, Set<String>> routed = route(event("order.updated", "c-1", "a-1", Map.of("status", "READY")), true);

        assertThat(routed.get("order.updated")).containsExactlyInAnyOrder("order:o-1", "user:c-1", "admin", "delivery:a-1");
        assertThat(routed).containsKeys("order:updated", "order:status:updated");
    }

    @Test
    void legacyEventsCanBeSwitchedOffAndUnknownPeopleHaveNoRoom() {
        Map<String, Set<String>> routed = route(event("order.created", null, null, Map.of("status", "PENDING")), false);

        assertThat(routed).containsKeys("order.updated", "order:created").doesNotContainKeys("order:new", "order:updated");
        assertThat(routed.get("order.updated")).containsExactlyInAnyOrder("order:o-1", "admin");
    }

    @Test
    void anAssignmentIsAnnouncedOnceWhenTheDispatchBecomesAssigned() {
        Map<String, Object> assigned = Map.of("status", "ASSIGNED", "previousStatus", "BOOKED");
        Map<String, Object> again = Map.of("status", "ASSIGNED", "previousStatus", "ASSIGNED", "previousAgentId", "a-1");

        assertThat(route(event("dispatch.updated", "c-1", "a-1", assigned), true).get("order:assigned"))
                .containsExactlyInAnyOrder("delivery:a-1", "admin", "order:o-1");
        assertThat(route(event("dispatch.updated", "c-1", "a-1", again), true)).doesNotContainKey("order:assigned");
    }

    @Test
    void storedNotificationsGoToTheirOneRecipientAndLocationsToTheOrderRoomAndStaff() {
        assertThat(route(event("notification.created", "c-1", null, Map.of("recipient", "staff")), true).get("notification"))
                .containsExactly("admin");
        assertThat(route(event("courier.location", "c-1", "a-1", Map.of("lat", 6.5, "lng", 3.3)), true)
                .get("driver:location:update")).containsExactlyInAnyOrder("order:o-1", "admin");
    }

    @Test
    void theTrackChannelGetsItsOwnFrameForEveryOrderChange() {
        Route track = EventRoutes.TABLE.stream().filter(r -> r.channel() == Route.Channel.TRACK).findFirst().orElseThrow();
        GatewayEvent cancelled = event("order.cancelled", "c-1", null, Map.of("status", "CANCELLED", "reason", "late"));

        assertThat(track.matches(cancelled, false)).isTrue();
        assertThat(track.payload().apply(cancelled)).containsEntry("type", "order_update").containsEntry("order_id", "o-1")
                .containsEntry("message", "Order cancelled: late").containsEntry("status", "cancelled");
    }

    @Test
    void orderUpdatesSayTheChangeInTheCustomersWordsWithTheStatusInLowercase() {
        Route track = EventRoutes.TABLE.stream().filter(r -> r.channel() == Route.Channel.TRACK).findFirst().orElseThrow();
        GatewayEvent pickedUp = event("order.updated", "c-1", "a-1", Map.of("status", "OUT_FOR_DELIVERY",
                "dispatch", Map.of("status", "PICKED_UP", "driver", Map.of("name", "Ibrahim Musa")),
                "changes", List.of(Map.of("field", "dispatchStatus", "from", "ASSIGNED", "to", "PICKED_UP"),
                        Map.of("field", "status", "from", "READY", "to", "OUT_FOR_DELIVERY"))));
        assertThat(track.payload().apply(pickedUp)).containsEntry("status", "out_for_delivery")
                .containsEntry("message", "Ibrahim Musa picked up your order and is on the way");

        GatewayEvent paid = event("order.updated", "c-1", null, Map.of("status", "CONFIRMED",
                "changes", List.of(Map.of("field", "paymentStatus", "from", "PENDING", "to", "PAID"),
                        Map.of("field", "status", "from", "PENDING", "to", "CONFIRMED"))));
        assertThat(track.payload().apply(paid)).containsEntry("status", "confirmed").containsEntry("message", "Payment received");

        GatewayEvent etaOnly = event("order.updated", "c-1", null, Map.of("status", "READY",
                "changes", List.of(Map.of("field", "dispatchStatus", "from", "ASSIGNED", "to", "ASSIGNED"))));
        assertThat(track.payload().apply(etaOnly)).as("nothing new to say: the current status in words")
                .containsEntry("message", "Your order is ready");
    }

    /** Socket event → rooms, as FanOut computes them (the TRACK channel aside). */
    private static Map<String, Set<String>> route(GatewayEvent event, boolean legacy) {
        Map<String, Set<String>> routed = new LinkedHashMap<>();
        for (Route route : EventRoutes.TABLE) {
            if (route.channel() == Route.Channel.SOCKET_IO && route.matches(event, legacy)) {
                Set<String> rooms = routed.computeIfAbsent(route.event(), e -> new LinkedHashSet<>());
                route.audience().stream().map(a -> a.room(event)).filter(r -> r != null).forEach(rooms::add);
            }
        }
        return routed;
    }

    private static GatewayEvent event(String type, String customerId, String agentId, Map<String, Object> data) {
        return new GatewayEvent(type, "o-1", customerId, agentId, 3, "trace-1", Instant.EPOCH, data);
    }
}
