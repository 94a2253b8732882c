package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.newTraceparent;
import static dev.orderflow.realtime.support.KafkaEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;
import dev.orderflow.realtime.support.JsClients;
import dev.orderflow.realtime.support.KafkaEvents;
import dev.orderflow.realtime.support.Tokens;

/**
 * Catch-up with the official JS client across two gateway instances side by side and across a
 * gateway restart: the client reconnects with the last cursor it saw and gets the current state
 * of every order it missed ({@code replayed: true}), then {@code sync {recovered: true}}.
 */
class CatchUpAcrossInstancesTest {

    private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private static JsClients js;
    private static KafkaEvents kafka;

    @BeforeAll
    static void start() {
        js = JsClients.start();
        kafka = new KafkaEvents();
    }

    /** Replayed order.updated and sync (recovered or not) fit docs/asyncapi.yaml. */
    @AfterEach
    void everyEventFitsTheAsyncApiDocument() {
        assertThat(js.assertAllFitTheAsyncApiDocument()).isPositive();
    }

    @AfterAll
    static void stop() {
        gateways.forEach(ConfigurableApplicationContext::close);
        js.close();
        kafka.close();
    }

    @Test
    void aClientCatchesUpOnAnotherInstanceAndOnARestartedOneWithoutMissingAVersion() {
        int portA = Tokens.freePort();
        int portB = Tokens.freePort();
        ConfigurableApplicationContext a = gateway(portA, "24h");
        gateway(portB, "24h");
        String customer = "c-" + UUID.randomUUID();
        String token = Tokens.customer(customer);
        String order = UUID.randomUUID().toString();
        String secondOrder = UUID.randomUUID().toString();
        String someoneElses = UUID.randomUUID().toString();

        // online on A: sees version 1
        js.connect("on-a", url(portA), Tokens.auth(token));
        js.awaitEvent("on-a", "sync", p -> true);
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(order, customer, null, "PENDING", 1), newTraceparent());
        String lastSeen = (String) js.awaitEvent("on-a", "order.updated", p -> order.equals(p.get("orderId"))).get("cursor");
        js.close("on-a");

        // offline: three changes to its orders, one to someone else's
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(order, customer, null, "CONFIRMED", 2), newTraceparent());
        String latestTrace = newTraceparent();
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(order, customer, null, "PREPARING", 3), latestTrace);
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(secondOrder, customer, null, "PENDING", 1), newTraceparent());
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(someoneElses, "c-other", null, "PENDING", 1), newTraceparent());

        // reconnects to B with the cursor A gave it
        js.connect("on-b", url(portB), Tokens.auth(token, lastSeen));
        Map<String, Object> sync = js.awaitEvent("on-b", "sync", p -> true);
        assertThat(sync).containsEntry("recovered", true);
        assertThat(replayed("on-b")).containsExactlyInAnyOrder(order + "@3", secondOrder + "@1");
        Map<String, Object> replay = js.events("on-b", "order.updated").stream().filter(p -> order.equals(p.get("orderId"))).findFirst().orElseThrow();
        assertThat(replay).containsEntry("replayed", true).containsEntry("status", "PREPARING")
                .containsEntry("traceId", KafkaEvents.traceIdOf(latestTrace));
        assertSyncCameAfterTheReplay("on-b");
        String cursorFromB = (String) sync.get("cursor");
        js.close("on-b");

        // A restarts; a change happens while it is down; the client comes back to the new A
        a.close();
        gateways.remove(a);
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(order, customer, null, "READY", 4), newTraceparent());
        gateway(portA, "24h");
        js.connect("on-a-again", url(portA), Tokens.auth(token, cursorFromB));
        assertThat(js.awaitEvent("on-a-again", "sync", p -> true)).containsEntry("recovered", true);
        assertThat(replayed("on-a-again")).containsExactly(order + "@4");

        // and live events flow again after the catch-up
        kafka.orderEvent(EventTypes.ORDER_UPDATED, order(order, customer, null, "OUT_FOR_DELIVERY", 5), newTraceparent());
        Map<String, Object> live = js.awaitEvent("on-a-again", "order.updated", p -> Long.valueOf(5).equals(((Number) p.get("version")).longValue()));
        assertThat(live).doesNotContainKey("replayed");
        js.close("on-a-again");
    }

    @Test
    void aCursorOlderThanTheRebuiltViewIsNotRecovered() {
        String customer = "c-" + UUID.randomUUID();
        String order = UUID.randomUUID().toString();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(order, customer, null, "PENDING", 1), newTraceparent());
        // an instance that rebuilds nothing cannot tell what happened before it started
        int port = Tokens.freePort();
        gateway(port, "0s");
        String ancientCursor = "c1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("0:0,1:0,2:0".getBytes());
        js.connect("ancient", url(port), Tokens.auth(Tokens.customer(customer), ancientCursor));
        assertThat(js.awaitEvent("ancient", "sync", p -> true)).containsEntry("recovered", false).containsKey("cursor");
        js.connect("garbage", url(port), Tokens.auth(Tokens.customer(customer), "not-a-cursor"));
        assertThat(js.awaitEvent("garbage", "sync", p -> true)).containsEntry("recovered", false);
        assertThat(js.events("ancient", "order.updated")).isEmpty();
    }

    private static List<String> replayed(String client) {
        return js.events(client, "order.updated").stream()
                .filter(p -> Boolean.TRUE.equals(p.get("replayed")))
                .map(p -> p.get("orderId") + "@" + ((Number) p.get("version")).longValue())
                .toList();
    }

    private static void assertSyncCameAfterTheReplay(String client) {
        List<String> order = js.events(client).stream().map(o -> (String) o.get("event")).toList();
        assertThat(order.lastIndexOf("order.updated")).isLessThan(order.indexOf("sync"));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static ConfigurableApplicationContext gateway(int socketPort, String lookback) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RealtimeApplication.class)
                .initializers(new EmbeddedInfrastructureInitializer())
                .run("--server.port=0", "--spring.jmx.enabled=false",
                        "--orderflow.realtime.port=" + socketPort, "--orderflow.realtime.host=127.0.0.1",
                        "--orderflow.realtime.lookback=" + lookback, "--orderflow.security.jwt.secret=" + Tokens.SECRET,
                        "--management.server.port=0");
        gateways.add(context);
        return context;
    }
}
