package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.newTraceparent;
import static dev.orderflow.realtime.support.KafkaEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.platform.security.JwtTokens;
import dev.orderflow.realtime.support.Tokens;

/** A socket's token expires like any other; a refresh keeps it open and brings the new roles. */
class SessionTokensTest extends GatewayTest {

    /** session:expiring / session:expired and the auth:refresh acks fit docs/asyncapi.yaml. */
    @AfterEach
    void everyEventAndAckFitsTheAsyncApiDocument() {
        assertThat(js.assertAllFitTheAsyncApiDocument()).isPositive();
    }

    @Test
    void aSocketWhoseTokenExpiresIsWarnedToldAndDisconnected() {
        String id = "short-" + newId();
        String user = "c-" + newId();
        js.connect(id, URL, Tokens.auth(JwtTokens.issue(Tokens.SECRET, user, List.of("CUSTOMER"), Duration.ofSeconds(10))));
        js.awaitEvent(id, "sync", p -> true);
        assertThat(js.awaitEvent(id, "session:expiring", p -> true)).containsKey("expiresAt");
        assertThat(js.awaitEvent(id, "session:expired", p -> true)).containsEntry("code", "TOKEN_EXPIRED");
        js.await(o -> id.equals(o.get("id")) && "disconnect".equals(o.get("kind")));
    }

    @Test
    void aRefreshedTokenKeepsTheSocketOpenAndItsNewRolesTakeEffect() throws InterruptedException {
        String id = "refresh-" + newId();
        String user = "u-" + newId();
        js.connect(id, URL, Tokens.auth(JwtTokens.issue(Tokens.SECRET, user, List.of("CUSTOMER"), Duration.ofSeconds(10))));
        js.awaitEvent(id, "sync", p -> true);

        Map<String, Object> someoneElse = js.emitWithAck(id, "auth:refresh", Tokens.admin("another-user"));
        assertThat(someoneElse).containsEntry("ok", false).containsEntry("code", "FORBIDDEN");
        assertThat(js.emitWithAck(id, "auth:refresh", "not-a-token")).containsEntry("ok", false)
                .containsEntry("code", "SOCKET_AUTH_FAILED");
        Map<String, Object> refreshed = js.emitWithAck(id, "auth:refresh",
                Map.of("token", JwtTokens.issue(Tokens.SECRET, user, List.of("ADMIN"), Duration.ofHours(1))));
        assertThat(refreshed).containsEntry("ok", true).containsKey("expiresAt");

        Thread.sleep(11_000); // past the first token's expiry
        String othersOrder = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(othersOrder, "c-" + newId(), null, "PENDING", 1), newTraceparent());
        js.awaitEvent(id, "order.updated", p -> othersOrder.equals(p.get("orderId"))); // now in the admin room
        assertThat(js.events(id, "session:expired")).isEmpty();
        assertThat(js.observations().stream().filter(o -> id.equals(o.get("id")) && "disconnect".equals(o.get("kind"))))
                .isEmpty();
        js.close(id);
    }

    @Test
    void anAgentUnassignedFromAnOrderStopsReceivingIt() {
        String agentA = "agent-a-" + newId();
        String agentB = "agent-b-" + newId();
        String customer = "c-" + newId();
        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, customer, agentA, "PREPARING", 1), newTraceparent());
        js.connect(agentA, URL, Tokens.auth(Tokens.agent(agentA)));
        js.awaitEvent(agentA, "sync", p -> true);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> Boolean.TRUE.equals(js.emitWithAck(agentA, "join", "order:" + orderId).get("ok")));

        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, customer, agentB, "PREPARING", 2), newTraceparent());
        String marker = newId(); // an event A does get, after which v2 would have arrived too
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(marker, customer, agentA, "PENDING", 1), newTraceparent());
        js.awaitEvent(agentA, "order.updated", p -> marker.equals(p.get("orderId")));
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, customer, agentB, "READY", 3), newTraceparent());
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(marker, customer, agentA, "CONFIRMED", 2), newTraceparent());
        js.awaitEvent(agentA, "order.updated", p -> marker.equals(p.get("orderId")) && ((Number) p.get("version")).longValue() == 2);
        assertThat(js.events(agentA, "order.updated").stream()
                .filter(p -> orderId.equals(p.get("orderId")) && ((Number) p.get("version")).longValue() >= 2))
                .as("nothing of the order after it went to another agent").isEmpty();
        assertThat(js.emitWithAck(agentA, "join", "order:" + orderId)).containsEntry("code", "FORBIDDEN");
        js.close(agentA);
    }
}
