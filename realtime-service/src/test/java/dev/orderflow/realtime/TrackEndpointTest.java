package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.newTraceparent;
import static dev.orderflow.realtime.support.KafkaEvents.order;
import static dev.orderflow.realtime.support.KafkaEvents.traceIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.realtime.support.PlainWebSocket;
import dev.orderflow.realtime.support.Tokens;

/** {@code /orders/track}: the plain-WebSocket JSON protocol of docs/contract.md §5, same auth and authorisation. */
class TrackEndpointTest extends GatewayTest {

    @Test
    void aSubscriberGetsTheCurrentStateThenEveryUpdateWithItsTraceId() {
        String customer = "c-" + newId();
        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, customer, null, "PENDING", 1), newTraceparent());
        try (PlainWebSocket ws = new PlainWebSocket(trackUrl() + "?token=" + Tokens.customer(customer))) {
            ws.awaitType("connected");
            Awaitility.await().until(() -> {
                ws.send(Map.of("type", "subscribe", "order_id", orderId));
                return ws.frames().stream().anyMatch(f -> "subscribed".equals(f.get("type")));
            });
            assertThat(ws.await(f -> "order_update".equals(f.get("type")))).containsEntry("order_id", orderId)
                    .containsEntry("status", "pending").containsEntry("message", "Order placed");

            String traceparent = newTraceparent();
            kafka.orderEvent(EventTypes.ORDER_UPDATED, order(orderId, customer, null, "CONFIRMED", 2), traceparent);
            Map<String, Object> update = ws.await(f -> "order_update".equals(f.get("type")) && "confirmed".equals(f.get("status")));
            assertThat(update).containsEntry("order_id", orderId).containsEntry("version", 2)
                    .containsEntry("traceId", traceIdOf(traceparent)).containsKey("message");

            ws.send(Map.of("type", "ping"));
            ws.awaitType("pong");
            ws.send(Map.of("type", "unsubscribe", "order_id", orderId));
            ws.awaitType("unsubscribed");
        }
    }

    @Test
    void theTokenMayComeInTheFirstFrameAndOtherPeoplesOrdersAreRefused() {
        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, "c-owner-" + newId(), null, "PENDING", 1), newTraceparent());
        try (PlainWebSocket ws = new PlainWebSocket(trackUrl())) {
            ws.awaitType("connected");
            Awaitility.await().until(() -> {
                ws.send(Map.of("type", "subscribe", "order_id", orderId, "token", Tokens.customer("c-stranger")));
                return ws.frames().stream().anyMatch(f -> "FORBIDDEN".equals(f.get("code")));
            });
            ws.send(Map.of("type", "subscribe", "order_id", newId()));
            assertThat(ws.await(f -> "ORDER_NOT_FOUND".equals(f.get("code")))).containsEntry("type", "error");
            ws.sendText("{not json");
            assertThat(ws.await(f -> "VALIDATION_FAILED".equals(f.get("code")))).containsEntry("type", "error");
        }
    }

    @Test
    void withoutAValidTokenTheConnectionIsRefused() {
        try (PlainWebSocket ws = new PlainWebSocket(trackUrl())) {
            ws.awaitType("connected");
            ws.send(Map.of("type", "subscribe", "order_id", newId()));
            assertThat(ws.awaitType("error")).containsEntry("code", "SOCKET_AUTH_FAILED");
            assertThat(ws.awaitClosed()).isEqualTo(1008);
        }
        try (PlainWebSocket ws = new PlainWebSocket(trackUrl() + "?token=" + Tokens.expired("x"))) {
            assertThat(ws.awaitType("error")).containsEntry("code", "SOCKET_AUTH_FAILED");
            assertThat(ws.awaitClosed()).isEqualTo(1008);
        }
    }

    @Test
    void aTokenlessSocketIsClosedAtTheAuthDeadlineAndAnAuthenticatedOneIsNot() throws Exception {
        try (PlainWebSocket idle = new PlainWebSocket(trackUrl());
             PlainWebSocket authenticated = new PlainWebSocket(trackUrl() + "?token=" + Tokens.customer("c-" + newId()))) {
            idle.awaitType("connected");
            authenticated.awaitType("connected");
            // the idle one says nothing: closed after orderflow.realtime.auth-deadline (3 s here)
            assertThat(idle.awaitClosed()).isEqualTo(1008);
            assertThat(idle.frames()).anySatisfy(f -> assertThat(f).containsEntry("code", "SOCKET_AUTH_FAILED"));
            authenticated.send(Map.of("type", "ping"));
            assertThat(authenticated.awaitType("pong")).isNotNull();
            assertThat(authenticated.isClosed()).isFalse();
        }
    }

    private String trackUrl() {
        return "ws://127.0.0.1:" + httpPort + "/orders/track";
    }
}
