package dev.orderflow.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.Topics;
import dev.orderflow.embedded.TopicReader;
import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;
import dev.orderflow.platform.security.JwtTokens;

/**
 * One Spring context for the module's tests: real PostgreSQL, real Kafka, the real Debezium relay,
 * real HTTP. dispatch-service is not running here, so its URL points at a closed port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orderflow.dispatch-service.url=http://localhost:1",
                "orderflow.rate-limit.requests-per-period=1000000",
                "orderflow.pages.socket-origins=https://rt.example.com"})
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
@AutoConfigureTracing
public abstract class OrderServiceTestBase {

    protected static final String STAFF = "staff-1";

    /** The SMTP server notification e-mails go to: real, in this JVM, on a free port. */
    protected static final TestMailServer MAIL = TestMailServer.start();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", MAIL::port);
        registry.add("orderflow.notifications.mail.retry-delay", () -> "300ms");
        registry.add("orderflow.notifications.mail.sweep", () -> "200ms");
    }

    private static TopicReader topics;
    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    protected int port;

    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrapServers;

    @Value("${orderflow.security.jwt.secret}")
    protected String jwtSecret;

    @Autowired
    protected JsonMapper json;

    protected RestClient http;

    @BeforeEach
    void setUpClient() {
        // the JDK client: Jetty's (on the test classpath, picked first) aborts a request whose body is
        // still being sent when a 401 arrives, which made tests of rejected requests fail now and then
        http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + port).build();
        if (topics == null) {
            topics = new TopicReader(bootstrapServers, Topics.ORDERS_EVENTS, Topics.DISPATCH_EVENTS);
        }
    }

    @AfterAll
    static void closeKafkaClients() {
        if (topics != null) {
            topics.close();
            topics = null;
        }
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    /** Sends records as another service would (e.g. dispatch-service's dispatch.events); one per test class. */
    protected KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    protected TopicReader topics() {
        return topics;
    }

    /** At least {@code count} of the order's own events ({@code order.*}; notification.created shares the topic). */
    protected List<ConsumerRecord<String, byte[]>> orderEvents(String orderId, int count) {
        topics.readUntil(all -> ownEvents(topics.records(Topics.ORDERS_EVENTS, orderId)).size() >= count,
                Duration.ofSeconds(30));
        return ownEvents(topics.records(Topics.ORDERS_EVENTS, orderId));
    }

    /** The order's own events after reading {@code quiet} longer: to show nothing else arrives. */
    protected List<ConsumerRecord<String, byte[]>> settledOrderEvents(String orderId, Duration quiet) {
        return ownEvents(topics.settle(Topics.ORDERS_EVENTS, orderId, quiet));
    }

    private static List<ConsumerRecord<String, byte[]>> ownEvents(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> String.valueOf(TopicReader.header(r, "ce_type")).startsWith("order.")).toList();
    }

    protected String token(String subject, String... roles) {
        return JwtTokens.issue(jwtSecret, subject, List.of(roles), Duration.ofHours(1));
    }

    protected String staffToken() {
        return token(STAFF, "STAFF");
    }

    protected static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    /** An HTTP call; any status comes back as a {@link Response}, never as an exception. */
    protected Response call(HttpMethod method, String path, String token, Object body, String... headers) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body instanceof String s ? s : json.writeValueAsString(body));
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            return new Response(res.getStatusCode().value(), res.getHeaders(),
                    bytes.length == 0 ? null : json.readTree(bytes));
        });
    }

    protected Response get(String path, String token) {
        return call(HttpMethod.GET, path, token, null);
    }

    protected Response post(String path, String token, Object body) {
        return call(HttpMethod.POST, path, token, body);
    }

    protected static Map<String, Object> orderBody(String customerId) {
        return Map.of(
                "customerId", customerId,
                "items", List.of(Map.of("sku", "PARA-500", "name", "Paracetamol 500mg", "quantity", 2, "unitPrice", "4.50")),
                "currency", "NGN",
                "deliveryAddress", Map.of("line1", "12 Admiralty Way", "city", "Lagos", "lat", 6.43, "lng", 3.42,
                        "phone", "+2348012345678"));
    }

    /** Creates an order for {@code customerId} as staff; returns its id. */
    protected String createOrder(String customerId) {
        Response created = post("/api/v1/orders", staffToken(), orderBody(customerId));
        if (created.status() != 201) {
            throw new AssertionError("create failed: " + created);
        }
        return created.body().get("id").asString();
    }

    protected Response patchStatus(String orderId, String status) {
        return call(HttpMethod.PATCH, "/api/v1/orders/" + orderId + "/status", staffToken(),
                Map.of("status", status));
    }

    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asString();
        }

        public String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }
}
