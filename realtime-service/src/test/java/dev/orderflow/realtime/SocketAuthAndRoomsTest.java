package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.realtime.support.KafkaEvents;
import dev.orderflow.realtime.support.Tokens;

/** docs/contract.md §5 connect and rooms, with the official JS client. */
class SocketAuthAndRoomsTest extends GatewayTest {

    @Test
    void missingBadOrExpiredTokensAreRefusedWithSocketAuthFailed() {
        js.connect("no-auth", URL, null);
        js.connect("empty-auth", URL, Map.of());
        js.connect("garbage", URL, Tokens.auth("not-a-jwt"));
        js.connect("wrong-key", URL, Tokens.auth(Tokens.signedWithAnotherSecret("x")));
        js.connect("expired", URL, Tokens.auth(Tokens.expired("x")));
        for (String id : new String[] {"no-auth", "empty-auth", "garbage", "wrong-key", "expired"}) {
            Map<String, Object> outcome = js.awaitConnected(id);
            assertThat(outcome.get("kind")).as(id).isEqualTo("connect_error");
            assertThat(outcome.get("message")).as(id).isEqualTo("SOCKET_AUTH_FAILED");
            assertThat(outcome.get("data")).as(id).isEqualTo(Map.of("code", "SOCKET_AUTH_FAILED"));
        }
    }

    @Test
    void aValidTokenConnectsAsAuthOrAsTheOldQueryParameter() {
        js.connect("auth-ok", URL, Tokens.auth(Tokens.customer("c-auth")));
        js.connect("query-ok", URL, null, Map.of("token", Tokens.customer("c-query")), null);
        assertThat(js.awaitConnected("auth-ok").get("kind")).isEqualTo("connect");
        assertThat(js.awaitConnected("query-ok").get("kind")).isEqualTo("connect");
        // a fresh client is told where the stream is, so it can catch up after its first disconnect
        assertThat(js.awaitEvent("auth-ok", "sync", p -> true)).containsEntry("recovered", false).containsKey("cursor");
    }

    @Test
    void orderRoomsAreJoinedOnlyByThoseWhoMaySeeTheOrder() {
        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, "c-owner", "a-assigned", "PENDING", 1), KafkaEvents.newTraceparent());
        connect("owner", Tokens.customer("c-owner"));
        connect("stranger", Tokens.customer("c-stranger"));
        connect("assigned", Tokens.agent("a-assigned"));
        connect("other-agent", Tokens.agent("a-other"));
        connect("staff", Tokens.admin("staff-1"));
        String room = "order:" + orderId;

        awaitJoinable("owner", room);
        assertThat(js.emitWithAck("stranger", "join", room)).isEqualTo(Map.of("ok", false, "code", "FORBIDDEN"));
        assertThat(js.emitWithAck("assigned", "join-room", Map.of("room", room))).isEqualTo(Map.of("ok", true));
        assertThat(js.emitWithAck("other-agent", "join", room)).isEqualTo(Map.of("ok", false, "code", "FORBIDDEN"));
        assertThat(js.emitWithAck("staff", "join", Map.of("orderId", orderId))).isEqualTo(Map.of("ok", true));
        assertThat(js.emitWithAck("owner", "join", "order:" + newId())).isEqualTo(Map.of("ok", false, "code", "ORDER_NOT_FOUND"));
        assertThat(js.emitWithAck("owner", "join", "admin")).isEqualTo(Map.of("ok", false, "code", "FORBIDDEN"));
        assertThat(js.emitWithAck("owner", "join", "user:c-stranger")).isEqualTo(Map.of("ok", false, "code", "FORBIDDEN"));
        assertThat(js.emitWithAck("owner", "leave", room)).isEqualTo(Map.of("ok", true));
        assertThat(js.emitWithAck("owner", "leave-room", room)).isEqualTo(Map.of("ok", true));
        assertThat(js.emitWithAck("owner", "subscribe:orders", Map.of())).isEqualTo(Map.of("ok", true));
    }

    private static void connect(String id, String token) {
        js.connect(id, URL, Tokens.auth(token));
        assertThat(js.awaitConnected(id).get("kind")).isEqualTo("connect");
    }

    /** The order reaches the gateway's view through Kafka, so the first join may come before it. */
    private static void awaitJoinable(String id, String room) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(js.emitWithAck(id, "join", room).get("ok")));
    }
}
