package dev.orderflow.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;
import dev.orderflow.realtime.support.JsClients;
import dev.orderflow.realtime.support.Tokens;

/**
 * New socket connections per second, per address and in total (docs/security.md §Realtime): over
 * the rate, the Socket.IO handshake and the /orders/track upgrade are answered 429 RATE_LIMITED
 * with Retry-After. A gateway of its own, with small rates; other addresses are 127.0.0.x.
 */
@SpringBootTest(classes = RealtimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orderflow.security.jwt.secret=" + Tokens.SECRET, "orderflow.realtime.host=127.0.0.1",
                "orderflow.realtime.connects-per-second-per-address=2",
                "orderflow.realtime.connects-per-second=5"})
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class SocketConnectRateTest {

    static final int SOCKET_PORT = Tokens.freePort();
    static final String URL = "http://127.0.0.1:" + SOCKET_PORT;
    static JsClients js;

    @LocalServerPort
    int httpPort;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void socketPort(DynamicPropertyRegistry registry) {
        registry.add("orderflow.realtime.port", () -> SOCKET_PORT);
    }

    @BeforeAll
    static void startClients() {
        js = JsClients.start();
    }

    @AfterAll
    static void stopClients() {
        js.close();
    }

    /** Each test starts with full buckets: the previous one may have emptied the total (refilled in 2 s). */
    @BeforeEach
    void fullBuckets() throws InterruptedException {
        Thread.sleep(2_500);
    }

    @Test
    void connectsOverTheRatesAreAnswered429AtTheHandshake() throws Exception {
        // one address: its burst (twice 2/s) opens sessions, then it is refused while others are not
        HttpClient first = from("127.0.0.2");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8 && !statuses.contains(429); i++) {
            statuses.add(handshake(first).statusCode());
        }
        assertThat(statuses.subList(0, 4)).as("the burst").containsOnly(200);
        assertThat(statuses).contains(429);
        HttpResponse<String> refused = handshakeUntilRefused(first);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(handshake(from("127.0.0.3")).statusCode()).as("another address still connects").isEqualTo(200);

        // in total: one handshake from each of many fresh addresses soon hits the total rate (5/s, burst 10)
        boolean totalRefused = false;
        for (int i = 10; i < 60 && !totalRefused; i++) {
            totalRefused = handshake(from("127.0.0." + i)).statusCode() == 429;
        }
        assertThat(totalRefused).as("refused by the total rate, each address within its own").isTrue();
        assertThat(meters.counter("gateway.connects.refused", "endpoint", "socket.io", "reason", "address").count()).isPositive();
        assertThat(meters.counter("gateway.connects.refused", "endpoint", "socket.io", "reason", "total").count()).isPositive();
    }

    @Test
    void theOfficialClientSeesTheRefusalAsAConnectErrorWithTheStatus() {
        for (int i = 0; i < 12; i++) {
            js.connect("burst-" + i, URL, Tokens.auth(Tokens.customer("c-burst")));
        }
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outcomes.add(js.awaitConnected("burst-" + i));
        }
        assertThat(outcomes).anySatisfy(o -> assertThat(o).containsEntry("kind", "connect"));
        assertThat(outcomes).anySatisfy(o -> assertThat(o).containsEntry("kind", "connect_error").containsEntry("status", 429));
    }

    @Test
    void theTrackEndpointHasItsOwnRateAndAnswersWithAProblem() throws Exception {
        HttpClient client = from("127.0.0.4");
        URI track = URI.create("ws://127.0.0.1:" + httpPort + "/orders/track");
        Throwable refused = null;
        for (int i = 0; i < 8 && refused == null; i++) {
            refused = catchThrowable(() -> client.newWebSocketBuilder().buildAsync(track, new WebSocket.Listener() {
            }).join().abort());
        }
        assertThat(refused).isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> answer = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static HttpResponse<String> handshakeUntilRefused(HttpClient client) throws Exception {
        HttpResponse<String> response = handshake(client);
        while (response.statusCode() != 429) {
            response = handshake(client);
        }
        return response;
    }

    private static HttpResponse<String> handshake(HttpClient client) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(URL + "/socket.io/?EIO=4&transport=polling"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client whose connections come from another loopback address (Linux routes all of 127/8 to lo). */
    private static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
    }
}
