package dev.orderflow.realtime;

import static dev.orderflow.realtime.support.KafkaEvents.newTraceparent;
import static dev.orderflow.realtime.support.KafkaEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.realtime.log.EventLogReader;
import dev.orderflow.realtime.support.Tokens;

/** The gateway's log reader survives failures; its catch-up never hands out a cursor it has not earned; operators can see it all. */
class GatewayFaultsTest extends GatewayTest {

    @Autowired
    EventLogReader reader;

    @Test
    void theLogReaderRecoversFromAFailureAndLaterEventsStillArrive() {
        String watcher = "watcher-" + newId();
        js.connect(watcher, URL, Tokens.auth(Tokens.admin("staff-watch")));
        js.awaitEvent(watcher, "sync", p -> true);
        long restartsBefore = reader.restarts();

        reader.failOnce(new IllegalStateException("injected log reader failure"));
        String during = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(during, "c-" + newId(), null, "PENDING", 1), newTraceparent());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reader.restarts() > restartsBefore);
        String after = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(after, "c-" + newId(), null, "PENDING", 1), newTraceparent());

        js.awaitEvent(watcher, "order.updated", p -> during.equals(p.get("orderId")));
        js.awaitEvent(watcher, "order.updated", p -> after.equals(p.get("orderId")));
        assertThat(js.events(watcher, "order.updated").stream().filter(p -> during.equals(p.get("orderId"))))
                .as("resumed after the last record it handled: nothing emitted twice").hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(scrape()).contains("gateway_log_reader_restarts_total");
        js.close(watcher);
    }

    @Test
    void replayedOrdersCarryTheClientsOwnCursorAndOnlySyncHandsOutTheNewOne() {
        String customer = "c-" + newId();
        String token = Tokens.customer(customer);
        js.connect("before", URL, Tokens.auth(token));
        String cursor = (String) js.awaitEvent("before", "sync", p -> true).get("cursor");
        js.close("before");
        String first = newId();
        String second = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(first, customer, null, "PENDING", 1), newTraceparent());
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(second, customer, null, "PENDING", 1), newTraceparent());
        awaitInView(second);

        js.connect("back", URL, Tokens.auth(token, cursor));
        Map<String, Object> sync = js.awaitEvent("back", "sync", p -> true);
        assertThat(sync).containsEntry("recovered", true);
        List<Map<String, Object>> replayed = js.events("back", "order.updated");
        assertThat(replayed).extracting(p -> p.get("orderId")).containsExactlyInAnyOrder(first, second);
        // cut off half-way by the outbound limits, the client would still hold its old cursor and replay again
        assertThat(replayed).allSatisfy(p -> assertThat(p).containsEntry("cursor", cursor).containsEntry("replayed", true));
        assertThat(sync.get("cursor")).isNotEqualTo(cursor);
        js.close("back");
    }

    @Test
    void aCatchUpLargerThanTheReplayBoundTellsTheClientToRefetch() {
        String customer = "c-" + newId();
        String token = Tokens.customer(customer);
        js.connect("bounded-before", URL, Tokens.auth(token));
        String cursor = (String) js.awaitEvent("bounded-before", "sync", p -> true).get("cursor");
        js.close("bounded-before");
        String probe = "bounded-probe-" + newId();
        js.connect(probe, URL, Tokens.auth(Tokens.admin("staff-probe")));
        js.awaitEvent(probe, "sync", p -> true);
        List<OrderSnapshot> many = IntStream.range(0, 501).mapToObj(i -> order(newId(), customer, null, "PENDING", 1)).toList();
        kafka.orderEventsInBulk(EventTypes.ORDER_CREATED, many);
        // every one of them is in the gateway's view once the admin room has seen them all
        java.util.Set<String> ids = new java.util.HashSet<>(many.stream().map(OrderSnapshot::id).toList());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> js.events(probe, "order.updated").stream()
                .map(p -> p.get("orderId")).filter(ids::contains).distinct().count() == ids.size());
        js.close(probe);

        js.connect("bounded", URL, Tokens.auth(token, cursor));
        Map<String, Object> sync = js.awaitEvent("bounded", "sync", p -> true);
        assertThat(sync).containsEntry("recovered", false).containsEntry("reason", "REPLAY_TOO_LARGE").containsKey("cursor");
        assertThat(js.events("bounded", "order.updated")).as("nothing replayed: the client refetches by REST").isEmpty();
        js.close("bounded");
        assertThat(scrape()).containsPattern("gateway_catchups_total\\{[^}]*recovered=\"false\"[^}]*\\} [1-9]");
    }

    @Test
    void prometheusShowsConnectionsRoomsEmitsLatencyAndCatchUps() {
        String client = "metrics-" + newId();
        String customer = "c-" + newId();
        js.connect(client, URL, Tokens.auth(Tokens.customer(customer)));
        String cursor = (String) js.awaitEvent(client, "sync", p -> true).get("cursor");
        String orderId = newId();
        kafka.orderEvent(EventTypes.ORDER_CREATED, order(orderId, customer, null, "PENDING", 1), newTraceparent());
        js.awaitEvent(client, "order.updated", p -> orderId.equals(p.get("orderId")));
        js.connect(client + "-again", URL, Tokens.auth(Tokens.customer(customer), cursor));
        js.awaitEvent(client + "-again", "sync", p -> true);

        String metrics = scrape();
        assertThat(value(metrics, "gateway_connections")).isGreaterThanOrEqualTo(2);
        assertThat(value(metrics, "gateway_rooms")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).containsPattern("gateway_emits_total\\{[^}]*event=\"order.updated\"[^}]*\\} [1-9]");
        double count = value(metrics, "gateway_event_emit_latency_seconds_count");
        double sum = value(metrics, "gateway_event_emit_latency_seconds_sum");
        assertThat(count).isGreaterThanOrEqualTo(1);
        assertThat(sum / count).as("mean event → emit latency is seconds, not hours").isBetween(0.0, 30.0);
        assertThat(metrics).containsPattern("gateway_catchups_total\\{[^}]*recovered=\"true\"[^}]*\\} [1-9]");
        assertThat(metrics).contains("gateway_slow_consumer_disconnects_total");
        js.close(client);
        js.close(client + "-again");
    }

    private void awaitInView(String orderId) {
        String probe = "probe-" + newId();
        js.connect(probe, URL, Tokens.auth(Tokens.admin("staff-probe")));
        js.awaitEvent(probe, "sync", p -> true);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Boolean.TRUE.equals(js.emitWithAck(probe, "join", "order:" + orderId).get("ok")));
        js.close(probe);
    }

    private String scrape() {
        return get("/actuator/prometheus").body();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(m.find()).as(name + " in the scrape").isTrue();
        return Double.parseDouble(m.group(2));
    }

    private HttpResponse<String> get(String path) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
