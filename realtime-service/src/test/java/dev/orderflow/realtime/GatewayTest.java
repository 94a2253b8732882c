package dev.orderflow.realtime;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;
import dev.orderflow.realtime.support.JsClients;
import dev.orderflow.realtime.support.KafkaEvents;
import dev.orderflow.realtime.support.Tokens;

/**
 * One gateway on the embedded Kafka, shared by every test class that extends this; each class
 * drives it with the official JS client and writes real CloudEvent records with fresh order ids.
 */
@SpringBootTest(classes = RealtimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orderflow.security.jwt.secret=" + Tokens.SECRET, "orderflow.realtime.host=127.0.0.1",
                "orderflow.realtime.auth-deadline=3s",
                // a join of an order not read yet waits this long before ORDER_NOT_FOUND (SocketAuthAndRoomsTest)
                "orderflow.realtime.join-wait=2s",
                // every test client connects from 127.0.0.1 (RobustnessTest opens 200 at once);
                // the connect rates have their own test (SocketConnectRateTest)
                "orderflow.realtime.max-connections-per-address=100000",
                "orderflow.realtime.connects-per-second-per-address=100000",
                "orderflow.realtime.connects-per-second=100000"})
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
abstract class GatewayTest {

    static final int SOCKET_PORT = Tokens.freePort();
    static final String URL = "http://127.0.0.1:" + SOCKET_PORT;
    /** Where the gateway relays riders' positions (order-service's API); RiderEventsTest answers there. */
    static final int API_PORT = Tokens.freePort();

    static JsClients js;
    static KafkaEvents kafka;

    @LocalServerPort
    int httpPort;

    /** Probes and metrics: the management port, never the one user sockets use. */
    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void socketPort(DynamicPropertyRegistry registry) {
        registry.add("orderflow.realtime.port", () -> SOCKET_PORT);
        registry.add("orderflow.realtime.api-url", () -> "http://127.0.0.1:" + API_PORT);
    }

    @BeforeAll
    static void startClients() {
        js = JsClients.start();
        kafka = new KafkaEvents();
    }

    @AfterAll
    static void stopClients() {
        js.close();
        kafka.close();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
