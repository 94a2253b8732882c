package dev.orderflow.courier;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;

/** One Spring context for every test of the module: real PostgreSQL, real Kafka, the real outbox relay. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "orderflow.courier.kwik.webhook-secret=" + CourierAdapterTestBase.SECRET)
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
abstract class CourierAdapterTestBase {

    static final String SECRET = "test-kwik-webhook-secret";

    private static CourierEvents events;

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${orderflow.security.jwt.secret}")
    String jwtSecret;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    @BeforeEach
    void setUpClient() {
        // the JDK client: Jetty's (on the test classpath, picked first) aborts a request whose body is
        // still being sent when a 401 arrives, which made tests of rejected requests fail now and then
        http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + port).build();
        if (events == null) {
            events = new CourierEvents(bootstrapServers);
        }
    }

    @AfterAll
    static void closeConsumer() {
        if (events != null) {
            events.close();
            events = null;
        }
    }

    CourierEvents events() {
        return events;
    }

    static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /** Posts a raw body to the webhook; returns the HTTP status and body. */
    Response postWebhook(String query, String body) {
        return http.post().uri("/webhooks/kwik" + query).contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) -> new Response(response.getStatusCode().value(),
                        response.getHeaders().getContentType(), new String(response.getBody().readAllBytes())));
    }

    Response postWebhook(String body) {
        return postWebhook("?token=" + SECRET, body);
    }

    long storedCallbacks(String jobId) {
        return jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE job_id = ?").param(jobId).query(Long.class).single();
    }

    record Response(int status, MediaType contentType, String body) {
    }
}
