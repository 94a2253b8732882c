package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.newTraceparent;
import static dev.orderflow.realtime.support.KafkaEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.corundumstudio.socketio.SocketIOServer;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.realtime.support.PlainWebSocket;
import dev.orderflow.realtime.support.Tokens;

/** What one client does (connect en masse, flood, send garbage) must not hurt the others. */
class RobustnessTest extends GatewayTest {

    private static final int CONNECTIONS = 200;

    @Test
    void twoHundredDefaultTransportClientsAllConnectUpgradeAndReceive() {
        String prefix = "many-" + newId().substring(0, 6) + "-";
        js.connectMany(prefix, CONNECTIONS, URL, Tokens.auth(Tokens.admin("staff-many")));
        List<String> ids = IntStream.range(0, CONNECTIONS).mapToObj(i -> prefix + i).toList();
        ids.forEach(id -> assertThat(js.awaitConnected(id).get("kind")).as(id).isEqualTo("connect"));
        // polling first (the client's default), then every one of them upgrades to websocket
        ids.forEach(id -> js.await(o -> id.equals(o.get("id")) && "upgrade".equals(o.get("kind"))));
        printUpgradeDelays(ids);

        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, "c-" + newId(), null, "PENDING", 1), newTraceparent());
        ids.forEach(id -> js.awaitEvent(id, "order.updated", p -> orderId.equals(p.get("orderId"))));
        ids.forEach(js::close);
    }

    @Test
    void aFloodingClientIsCutOffAndOthersKeepReceiving() {
        String flooder = "flooder-" + newId();
        String bystander = "calm-" + newId();
        js.connect(flooder, URL, Tokens.auth(Tokens.admin("staff-flood")));
        js.connect(bystander, URL, Tokens.auth(Tokens.admin("staff-calm")));
        js.awaitEvent(flooder, "sync", p -> true);
        js.awaitEvent(bystander, "sync", p -> true);
        for (int i = 0; i < 1_000; i++) {
            js.emit(flooder, "join", "order:" + i);
        }
        js.await(o -> flooder.equals(o.get("id")) && "disconnect".equals(o.get("kind")));
        assertDeliveredTo(bystander);
    }

    @Test
    void malformedAndOversizedFramesCostOnlyTheirSenderItsConnection() {
        String bystander = "steady-" + newId();
        js.connect(bystander, URL, Tokens.auth(Tokens.admin("staff-steady")));
        js.awaitEvent(bystander, "sync", p -> true);

        try (PlainWebSocket raw = engineIo()) {
            raw.sendText("40{\"token\":\"" + Tokens.admin("raw") + "\"}");
            raw.awaitText(t -> t.startsWith("40{"));
            assertThat(raw.isClosed()).isFalse();
            raw.trySendText("42[\"join\",{unquoted: garbage");
            raw.trySendText("4\u0000\u0001binary-ish");
            raw.awaitClosed();
        }
        try (PlainWebSocket raw = engineIo()) {
            raw.sendText("40{\"token\":\"" + Tokens.admin("raw") + "\"}");
            raw.awaitText(t -> t.startsWith("40{"));
            raw.trySendText("42[\"join\",\"" + "x".repeat(200_000) + "\"]");
            raw.awaitClosed();
        }
        assertDeliveredTo(bystander);
    }

    @Test
    void aClientThatStopsReadingIsCutOffInsteadOfBufferedWithoutBound(@Autowired SocketIOServer server) {
        String reader = "reader-" + newId();
        String readerCustomer = "c-reader-" + newId();
        String burstCustomer = "c-burst-" + newId();
        js.connect(reader, URL, Tokens.auth(Tokens.customer(readerCustomer)));
        js.awaitEvent(reader, "sync", p -> true);
        try (PlainWebSocket stalled = engineIo()) {
            String open = stalled.awaitText(t -> t.startsWith("0{"));
            UUID session = UUID.fromString(open.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1"));
            stalled.sendText("40{\"token\":\"" + Tokens.customer(burstCustomer) + "\"}");
            stalled.awaitText(t -> t.startsWith("40{"));
            stalled.stopReading();

            // ~2,000 orders x 5 socket events x ~1.7 KB to the stalled customer's room: far beyond the
            // socket buffers and the 1 MiB per-client budget
            String padding = "x".repeat(1_500);
            List<OrderSnapshot> burst = IntStream.range(0, 2_000)
                    .mapToObj(i -> order(newId(), burstCustomer, null, "PENDING", 1, null, padding)).toList();
            kafka.orderEventsInBulk(EventTypes.ORDER_CREATED, burst);

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> server.getClient(session) == null);
        }
        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, readerCustomer, null, "PENDING", 1), newTraceparent());
        js.awaitEvent(reader, "order.updated", p -> orderId.equals(p.get("orderId")));
        assertThat(js.observations()).noneMatch(o -> reader.equals(o.get("id")) && "disconnect".equals(o.get("kind")));
        js.close(reader);
    }

    private static PlainWebSocket engineIo() {
        PlainWebSocket raw = new PlainWebSocket("ws://127.0.0.1:" + SOCKET_PORT + "/socket.io/?EIO=4&transport=websocket");
        raw.awaitText(t -> t.startsWith("0{"));
        return raw;
    }

    private static void assertDeliveredTo(String client) {
        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, "c-" + newId(), null, "PENDING", 1), newTraceparent());
        js.awaitEvent(client, "order.updated", p -> orderId.equals(p.get("orderId")));
    }

    private static void printUpgradeDelays(List<String> ids) {
        List<Long> delays = ids.stream().map(id -> {
            long connected = at(js.awaitConnected(id));
            long upgraded = at(js.await(o -> id.equals(o.get("id")) && "upgrade".equals(o.get("kind"))));
            return upgraded - connected;
        }).sorted().toList();
        System.out.println("upgrade delay after connect (ms): p50=" + delays.get(delays.size() / 2)
                + " p99=" + delays.get(delays.size() * 99 / 100) + " max=" + delays.getLast());
    }

    private static long at(Map<String, Object> observation) {
        return ((Number) observation.get("at")).longValue();
    }
}
