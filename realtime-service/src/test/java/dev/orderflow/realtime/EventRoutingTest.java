package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.dispatch;
import static dev.orderflow.realtime.support.KafkaEvents.location;
import static dev.orderflow.realtime.support.KafkaEvents.newTraceparent;
import static dev.orderflow.realtime.support.KafkaEvents.order;
import static dev.orderflow.realtime.support.KafkaEvents.traceIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.realtime.support.Tokens;

/**
 * Each Kafka event reaches exactly the rooms of the table in docs/contract.md §5, with the fields every
 * payload must carry. Absence is proven without timing: after the event under test, a sentinel
 * for another order is written to the same partition (same key), and the bystanders receive the
 * sentinel — so anything misrouted would already have reached them.
 */
class EventRoutingTest extends GatewayTest {

    private String orderId;
    private String sentinelId;
    private String owner;
    private String agent;
    private String bystanderCustomer;
    private String bystanderAgent;
    private String run;
    private List<String> bystanders;

    @BeforeEach
    void clients() {
        run = newId().substring(0, 8) + "-";
        bystanders = List.of(c("bystander-customer"), c("bystander-agent"));
        orderId = newId();
        sentinelId = newId();
        owner = "c-" + newId();
        agent = "a-" + newId();
        bystanderCustomer = "c-" + newId();
        bystanderAgent = "a-" + newId();
        // the sentinel order belongs to the bystanders; it exists before they connect
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(sentinelId, bystanderCustomer, bystanderAgent, "PENDING", 1), newTraceparent());
        connect(c("owner"), Tokens.customer(owner));
        connect(c("agent"), Tokens.agent(agent));
        connect(c("staff"), Tokens.admin("staff-" + newId()));
        connect(c("bystander-customer"), Tokens.customer(bystanderCustomer));
        connect(c("bystander-agent"), Tokens.agent(bystanderAgent));
        for (String bystander : bystanders) {
            Awaitility.await().until(() -> Boolean.TRUE.equals(js.emitWithAck(bystander, "join", "order:" + sentinelId).get("ok")));
        }
    }

    @AfterEach
    void closeClients() {
        // every event and ack the clients got fits docs/asyncapi.yaml
        assertThat(js.assertAllFitTheAsyncApiDocument()).isPositive();
        for (String name : List.of("owner", "agent", "staff", "bystander-customer", "bystander-agent")) {
            js.close(c(name));
        }
    }

    @Test
    void orderCreatedGoesToTheCustomerTheStaffAndTheAssignedAgent() {
        String traceparent = newTraceparent();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, agent, "PENDING", 1), traceparent);

        for (String client : List.of(c("owner"), c("staff"))) {
            for (String event : List.of("order.updated", "order:created", "order:new", "order:updated", "order:status:updated")) {
                assertCarriesTheContractFields(js.awaitEvent(client, event, forOrder(orderId)), 1, traceIdOf(traceparent));
            }
        }
        Map<String, Object> toAgent = js.awaitEvent(c("agent"), "order.updated", forOrder(orderId));
        assertCarriesTheContractFields(toAgent, 1, traceIdOf(traceparent));
        assertThat(toAgent).containsEntry("customerId", owner).containsEntry("status", "PENDING");

        sentinel(Topics.ORDERS_EVENTS);
        assertThat(eventsAbout(c("agent"), orderId)).doesNotContain("order:created", "order:new");
        assertNothingReachedTheBystanders();
    }

    @Test
    void aClientThatDeclinesTheLegacyNamesGetsOnlyTheContractNames() {
        String modern = c("owner-modern");
        Map<String, Object> auth = new java.util.HashMap<>(Tokens.auth(Tokens.customer(owner)));
        auth.put("legacyEvents", false);
        js.connect(modern, URL, auth);
        js.awaitEvent(modern, "sync", p -> true);
        try {
            kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, agent, "PENDING", 1), newTraceparent());
            kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, owner, agent, "CONFIRMED", 2), newTraceparent());
            for (String legacy : List.of("order:new", "order:updated", "order:status:updated")) {
                js.awaitEvent(c("owner"), legacy, forOrder(orderId)); // a client that did not decline gets them
            }
            js.awaitEvent(modern, "order.updated", p -> orderId.equals(p.get("orderId")) && version(p) == 2);
            // the frames of version 1 went out before version 2's: any legacy one would be here by now
            assertThat(eventsAbout(modern, orderId)).contains("order.updated", "order:created")
                    .doesNotContain("order:new", "order:updated", "order:status:updated");
        } finally {
            js.close(modern);
        }
    }

    @Test
    void dispatchUpdatesReachTheOrderRoomAndStaffWithoutTheOtp() {
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, null, "PREPARING", 1), newTraceparent());
        js.awaitEvent(c("owner"), "order.updated", forOrder(orderId));
        assertThat(js.emitWithAck(c("owner"), "join", "order:" + orderId)).isEqualTo(Map.of("ok", true));

        String traceparent = newTraceparent();
        kafka.dispatchEvent(EventTypes.DISPATCH_BOOKED, dispatch(orderId, DispatchStatus.BOOKED, null, null, "123456", 1), traceparent);
        for (String client : List.of(c("owner"), c("staff"))) {
            Map<String, Object> update = js.awaitEvent(client, "dispatch:updated", forOrder(orderId));
            assertCarriesTheContractFields(update, 1, traceIdOf(traceparent));
            assertThat(update).containsEntry("status", "BOOKED").doesNotContainKey("otp");
        }
        js.awaitEvent(c("owner"), "order:eta:update", forOrder(orderId));

        String assigned = newTraceparent();
        kafka.dispatchEvent(EventTypes.DISPATCH_UPDATED, dispatch(orderId, DispatchStatus.ASSIGNED, DispatchStatus.BOOKED, agent, null, 2), assigned);
        for (String client : List.of(c("agent"), c("staff"), c("owner"))) {
            Map<String, Object> assignment = js.awaitEvent(client, "order:assigned", forOrder(orderId));
            assertCarriesTheContractFields(assignment, 2, traceIdOf(assigned));
            assertThat(assignment).containsEntry("agentId", agent);
        }
        // the dispatch named the agent: it may now join the order's room
        assertThat(js.emitWithAck(c("agent"), "join", "order:" + orderId)).isEqualTo(Map.of("ok", true));

        sentinel(Topics.DISPATCH_EVENTS);
        assertNothingReachedTheBystanders();
        assertThat(js.events(c("agent"), "dispatch:updated").stream().filter(forOrder(orderId)).toList()).isEmpty();
    }

    @Test
    void driverLocationReachesTheOrderRoomAndStaffOnly() {
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, agent, "OUT_FOR_DELIVERY", 4), newTraceparent());
        js.awaitEvent(c("owner"), "order.updated", forOrder(orderId));
        assertThat(js.emitWithAck(c("owner"), "join", "order:" + orderId)).isEqualTo(Map.of("ok", true));

        String traceparent = newTraceparent();
        kafka.locationEvent(location(orderId, 6.45, 3.39), traceparent);
        for (String client : List.of(c("owner"), c("staff"))) {
            Map<String, Object> moved = js.awaitEvent(client, "driver:location:update", forOrder(orderId));
            assertCarriesTheContractFields(moved, 4, traceIdOf(traceparent));
            assertThat(moved).containsEntry("lat", 6.45).containsEntry("lng", 3.39);
        }
        sentinel(Topics.COURIER_LOCATIONS);
        assertNothingReachedTheBystanders();
        // the agent is not in the order's room and did not ask to be
        assertThat(js.events(c("agent"), "driver:location:update").stream().filter(forOrder(orderId)).toList()).isEmpty();
    }

    @Test
    void cancellationCarriesTheReason() {
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, agent, "PENDING", 1), newTraceparent());
        js.awaitEvent(c("owner"), "order.updated", forOrder(orderId));
        String traceparent = newTraceparent();
        kafka.orderEvent(EventTypes.ORDER_CANCELLED, order(orderId, owner, agent, "CANCELLED", 2, null, "out of stock"), traceparent);

        for (String client : List.of(c("owner"), c("staff"), c("agent"))) {
            Map<String, Object> cancelled = js.awaitEvent(client, "order:cancelled", forOrder(orderId));
            assertCarriesTheContractFields(cancelled, 2, traceIdOf(traceparent));
            assertThat(cancelled).containsEntry("reason", "out of stock").containsKey("cancelledAt");
        }
        sentinel(Topics.ORDERS_EVENTS);
        assertNothingReachedTheBystanders();
        assertThat(js.events(c("owner"), "notification")).as("notifications are the stored ones only").isEmpty();
    }

    @Test
    void aStoredNotificationGoesToItsRecipientOnlyWithItsId() {
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, agent, "PENDING", 1), newTraceparent());
        js.awaitEvent(c("owner"), "order.updated", forOrder(orderId));
        String traceparent = newTraceparent();
        String mine = newId();
        notification(mine, "user", owner, "order.cancelled", "high", traceparent);
        String staffs = newId();
        notification(staffs, "staff", null, "dispatch.failed", "high", traceparent);

        Map<String, Object> toOwner = js.awaitEvent(c("owner"), "notification", forOrder(orderId));
        assertCarriesTheContractFields(toOwner, 1, traceIdOf(traceparent));
        assertThat(toOwner).containsEntry("id", mine).containsEntry("type", "order.cancelled")
                .containsEntry("priority", "high").containsEntry("title", "Title " + mine)
                .containsEntry("message", "Message " + mine).containsKey("createdAt");
        assertThat(js.awaitEvent(c("staff"), "notification", forOrder(orderId))).containsEntry("id", staffs);

        sentinel(Topics.ORDERS_EVENTS);
        assertNothingReachedTheBystanders();
        assertThat(js.events(c("owner"), "notification")).hasSize(1);
        assertThat(js.events(c("staff"), "notification")).hasSize(1);
        assertThat(js.events(c("agent"), "notification")).isEmpty();
    }

    @Test
    void aClientOfflineDuringThreeNotificationsGetsThemOnReconnectWithItsCursor() {
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, agent, "PENDING", 1), newTraceparent());
        String cursor = (String) js.awaitEvent(c("owner"), "order.updated", forOrder(orderId)).get("cursor");
        js.close(c("owner"));

        List<String> missed = List.of(newId(), newId(), newId());
        for (String id : missed) {
            notification(id, "user", owner, "order.status_changed", "normal", newTraceparent());
        }
        notification(newId(), "user", bystanderCustomer, "order.status_changed", "normal", newTraceparent());
        sentinel(Topics.ORDERS_EVENTS);

        String back = c("owner-back");
        Map<String, Object> auth = new java.util.HashMap<>(Tokens.auth(Tokens.customer(owner)));
        auth.put("cursor", cursor);
        js.connect(back, URL, auth);
        Map<String, Object> sync = js.awaitEvent(back, "sync", p -> true);
        assertThat(sync).containsEntry("recovered", true);
        List<Map<String, Object>> replayed = js.events(back, "notification");
        assertThat(replayed).extracting(n -> n.get("id")).containsExactlyElementsOf(missed);
        assertThat(replayed).allSatisfy(n -> assertThat(n).containsEntry("replayed", true).containsKey("cursor"));
        js.close(back);
    }

    private void notification(String id, String recipient, String userId, String type, String priority, String traceparent) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("id", id);
        data.put("recipient", recipient);
        if (userId != null) {
            data.put("userId", userId);
        }
        data.put("audience", userId == null ? "STAFF" : "CUSTOMER");
        data.put("type", type);
        data.put("priority", priority);
        data.put("title", "Title " + id);
        data.put("message", "Message " + id);
        data.put("orderId", orderId);
        data.put("createdAt", java.time.Instant.now().toString());
        kafka.send(Topics.ORDERS_EVENTS, EventTypes.NOTIFICATION_CREATED, orderId, orderId, data, traceparent);
    }

    @Test
    void aRepeatedOrOlderVersionIsNotSentAgain() {
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, null, "PENDING", 1), newTraceparent());
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, owner, null, "CONFIRMED", 2), newTraceparent());
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, owner, null, "CONFIRMED", 2), newTraceparent());
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, owner, null, "PENDING", 1), newTraceparent());
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, owner, null, "PREPARING", 3), newTraceparent());
        js.awaitEvent(c("owner"), "order.updated", p -> forOrder(orderId).test(p) && version(p) == 3);
        assertThat(js.events(c("owner"), "order.updated").stream().filter(forOrder(orderId)).map(EventRoutingTest::version))
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void unreadableRecordsAreSkippedWithoutStoppingThePartition() {
        kafka.garbage(Topics.ORDERS_EVENTS, orderId);
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, owner, null, "PENDING", 1), newTraceparent());
        js.awaitEvent(c("owner"), "order.updated", forOrder(orderId));
    }

    private void sentinel(String topic) {
        String traceparent = newTraceparent();
        switch (topic) {
            case Topics.ORDERS_EVENTS -> kafka.send(topic, EventTypes.ORDER_UPDATED, orderId, sentinelId,
                    order(sentinelId, bystanderCustomer, bystanderAgent, "CONFIRMED", 2), traceparent);
            case Topics.DISPATCH_EVENTS -> kafka.send(topic, EventTypes.DISPATCH_UPDATED, orderId, sentinelId,
                    dispatch(sentinelId, DispatchStatus.BOOKED, null, null, null, 1), traceparent);
            default -> kafka.send(topic, EventTypes.COURIER_LOCATION, orderId, sentinelId, location(sentinelId, 1, 1), traceparent);
        }
        String expected = switch (topic) {
            case Topics.ORDERS_EVENTS -> "order.updated";
            case Topics.DISPATCH_EVENTS -> "dispatch:updated";
            default -> "driver:location:update";
        };
        for (String bystander : bystanders) {
            js.awaitEvent(bystander, expected, forOrder(sentinelId));
        }
    }

    private void assertNothingReachedTheBystanders() {
        for (String bystander : bystanders) {
            assertThat(eventsAbout(bystander, orderId)).as(bystander).isEmpty();
        }
    }

    private static List<String> eventsAbout(String client, String orderId) {
        return js.events(client).stream()
                .filter(o -> ((List<?>) o.get("args")).stream().anyMatch(a -> a instanceof Map<?, ?> m && orderId.equals(m.get("orderId"))))
                .map(o -> (String) o.get("event"))
                .toList();
    }

    private static void assertCarriesTheContractFields(Map<String, Object> payload, long version, String traceId) {
        assertThat(payload).containsKeys("orderId", "version", "traceId", "occurredAt", "cursor");
        assertThat(version(payload)).isEqualTo(version);
        assertThat(payload.get("traceId")).isEqualTo(traceId);
        assertThat((String) payload.get("cursor")).isNotBlank();
    }

    private static long version(Map<String, Object> payload) {
        return ((Number) payload.get("version")).longValue();
    }

    private static java.util.function.Predicate<Map<String, Object>> forOrder(String id) {
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
