package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.location;
import static dev.orderflow.realtime.support.KafkaEvents.newTraceparent;
import static dev.orderflow.realtime.support.KafkaEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.realtime.fanout.LocationThrottle;
import dev.orderflow.realtime.support.Tokens;

/**
 * The rider side of the gateway: offers and assignments reach the rider's own room, open in-house
 * jobs the shared {@code delivery} room, a reassigned rider is cut off from the order at once,
 * ETA and location payloads have the contract's shape, and {@code driver:location} from a rider's
 * socket is checked and relayed to the API with the rider's token (a local HTTP endpoint plays
 * order-service here; the local-stack end-to-end test runs the real one).
 */
class RiderEventsTest extends GatewayTest {

    private static HttpServer api;
    private static final List<String[]> relayed = new CopyOnWriteArrayList<>();

    private String run;
    private String orderId;
    private String owner;
    private String riderA;
    private String riderB;

    @BeforeAll
    static void fakeApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", API_PORT), 0);
        api.createContext("/api/v1/agent/location", exchange -> {
            relayed.add(new String[] {exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            byte[] body = "{\"jobs\":[{\"orderId\":\"o-1\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
    }

    @AfterAll
    static void stopApi() {
        api.stop(0);
    }

    @BeforeEach
    void clients() {
        run = newId().substring(0, 8) + "-";
        orderId = newId();
        owner = "c-" + newId();
        riderA = "rider-a-" + newId();
        riderB = "rider-b-" + newId();
        connect(c("owner"), Tokens.customer(owner));
        connect(c("a"), Tokens.agent(riderA));
        connect(c("b"), Tokens.agent(riderB));
        connect(c("staff"), Tokens.admin("staff-" + newId()));
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, null, "READY", 1), newTraceparent());
        js.awaitEvent(c("owner"), "order.updated", forOrder(orderId));
        assertThat(js.emitWithAck(c("owner"), "join", "order:" + orderId)).isEqualTo(Map.of("ok", true));
    }

    @AfterEach
    void closeClients() {
        for (String name : List.of("owner", "a", "b", "staff")) {
            js.close(c(name));
        }
    }

    @Test
    void anOpenJobIsAnnouncedToAllRidersAndAnOfferReachesOnlyTheRiderOffered() {
        dispatch(DispatchStatus.BOOKED, null, null, null, 1);
        for (String rider : List.of(c("a"), c("b"))) {
            assertThat(js.awaitEvent(rider, "job:available", forOrder(orderId))).containsEntry("provider", "IN_HOUSE");
        }
        dispatch(DispatchStatus.BOOKED, DispatchStatus.BOOKED, riderA, null, 2);
        Map<String, Object> offer = js.awaitEvent(c("a"), "order:assigned", forOrder(orderId));
        assertThat(offer).containsEntry("agentId", riderA).containsEntry("offer", true).containsEntry("status", "BOOKED");
        js.awaitEvent(c("staff"), "order:assigned", forOrder(orderId));
        // accepted: ASSIGNED once more, now not an offer
        dispatch(DispatchStatus.ASSIGNED, DispatchStatus.BOOKED, riderA, riderA, 3);
        js.awaitEvent(c("a"), "order:assigned", p -> forOrder(orderId).test(p) && Boolean.FALSE.equals(p.get("offer")));
        assertThat(js.events(c("b"), "order:assigned").stream().filter(forOrder(orderId)).toList()).isEmpty();
    }

    @Test
    void aReassignedRiderLeavesTheOrderRoomAtOnceAndMayNotRejoin() {
        dispatch(DispatchStatus.ASSIGNED, DispatchStatus.BOOKED, riderA, null, 2);
        js.awaitEvent(c("a"), "order:assigned", forOrder(orderId));
        assertThat(js.emitWithAck(c("a"), "join", "order:" + orderId)).isEqualTo(Map.of("ok", true));
        kafka.locationEvent(location(orderId, 6.45, 3.39), newTraceparent());
        js.awaitEvent(c("a"), "driver:location:update", forOrder(orderId));

        dispatch(DispatchStatus.ASSIGNED, DispatchStatus.ASSIGNED, riderB, riderA, 3);
        Map<String, Object> lost = js.awaitEvent(c("a"), "order:unassigned", forOrder(orderId));
        assertThat(lost).containsEntry("agentId", riderA);
        assertThat(js.awaitEvent(c("b"), "order:assigned", forOrder(orderId))).containsEntry("agentId", riderB);
        assertThat(js.emitWithAck(c("a"), "join", "order:" + orderId)).isEqualTo(Map.of("ok", false, "code", "FORBIDDEN"));

        awaitThrottleInterval();
        kafka.locationEvent(location(orderId, 6.46, 3.40), newTraceparent());
        js.awaitEvent(c("owner"), "driver:location:update", p -> forOrder(orderId).test(p) && Double.valueOf(6.46).equals(p.get("lat")));
        // the owner has the second position, so the gateway sent it: the old rider was no longer in the room
        assertThat(js.events(c("a"), "driver:location:update").stream().filter(forOrder(orderId)).toList()).hasSize(1);
    }

    @Test
    void locationAndEtaPayloadsCarryTheContractFields() {
        kafka.locationEvent(location(orderId, 6.45, 3.39), newTraceparent());
        Map<String, Object> moved = js.awaitEvent(c("owner"), "driver:location:update", forOrder(orderId));
        assertThat(moved).containsEntry("latitude", 6.45).containsEntry("longitude", 3.39)
                .containsEntry("lat", 6.45).containsEntry("lng", 3.39).containsKey("timestamp");
        assertThat(((Number) moved.get("heading")).doubleValue()).isEqualTo(90.0);

        Instant etaAt = Instant.now().plus(Duration.ofMinutes(12)).plusSeconds(30);
        kafka.dispatchEvent(EventTypes.DISPATCH_UPDATED, new DispatchSnapshot("dsp-" + orderId, orderId, DispatchStatus.IN_TRANSIT,
                DispatchStatus.IN_TRANSIT, "IN_HOUSE", "IH-1", null, null, etaAt, null, 1, 4, Instant.now(), null, null, null),
                newTraceparent());
        Map<String, Object> eta = js.awaitEvent(c("owner"), "order:eta:update", forOrder(orderId));
        assertThat(eta).containsEntry("etaAt", etaAt.toString()).containsEntry("estimatedTime", 13);
    }

    @Test
    void theThrottleLetsOnePositionPerIntervalThrough() throws InterruptedException {
        LocationThrottle throttle = new LocationThrottle(Duration.ofMillis(200));
        assertThat(throttle.admit("o-1")).isTrue();
        assertThat(throttle.admit("o-1")).isFalse();
        assertThat(throttle.admit("o-2")).as("per order").isTrue();
        Thread.sleep(250);
        assertThat(throttle.admit("o-1")).isTrue();
    }

    @Test
    void aRidersSocketPositionIsCheckedThenRelayedWithItsToken() {
        assertThat(js.emitWithAck(c("a"), "driver:location", Map.of("lat", 95, "lng", 3)))
                .containsEntry("ok", false).containsEntry("code", "VALIDATION_FAILED");
        assertThat(js.emitWithAck(c("a"), "driver:location", Map.of("lat", 6.5)))
                .containsEntry("code", "VALIDATION_FAILED");
        assertThat(js.emitWithAck(c("a"), "driver:location", "here"))
                .containsEntry("code", "VALIDATION_FAILED");
        assertThat(js.emitWithAck(c("owner"), "driver:location", Map.of("lat", 6.5, "lng", 3.4)))
                .containsEntry("code", "FORBIDDEN");
        relayed.clear();
        Map<String, Object> ack = js.emitWithAck(c("a"), "driver:location", Map.of("lat", 6.5, "lng", 3.4, "heading", 45));
        assertThat(ack).containsEntry("ok", true);
        assertThat(relayed).hasSize(1);
        String token = relayed.getFirst()[0];
        assertThat(token).startsWith("Bearer ");
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .as("the rider's own token").contains("\"sub\":\"" + riderA + "\"");
        assertThat(relayed.getFirst()[1]).contains("\"lat\":6.5").contains("\"heading\":45.0");
    }

    private void dispatch(DispatchStatus status, DispatchStatus previous, String agent, String previousAgent, long version) {
        kafka.send(Topics.DISPATCH_EVENTS, EventTypes.DISPATCH_UPDATED, orderId, orderId,
                new DispatchSnapshot("dsp-" + orderId, orderId, status, previous, "IN_HOUSE", "IH-1", null,
                        agent == null ? null : new Driver(agent, null, agent), null, null, 1, version, Instant.now(),
                        previousAgent, "staff-1", "test"), newTraceparent());
    }

    private static void awaitThrottleInterval() {
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
    }

    private static Predicate<Map<String, Object>> forOrder(String id) {
        return p -> id.equals(p.get("orderId"));
    }

    private String c(String name) {
        return run + name;
    }

    private static void connect(String id, String token) {
        js.connect(id, URL, Tokens.auth(token));
        js.awaitEvent(id, "sync", p -> true);
    }
}
