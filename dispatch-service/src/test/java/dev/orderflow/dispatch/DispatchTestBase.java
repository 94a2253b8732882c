package dev.orderflow.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.fixtures.Orders;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.contracttesting.AsyncApiContract;
import dev.orderflow.embedded.TopicReader;
import dev.orderflow.embedded.spring.EmbeddedInfrastructureInitializer;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One context for the module: real PostgreSQL, Kafka, Debezium relay and the Kwik sandbox over
 * HTTP. Tests play order-service and courier-adapter by publishing their events. The circuit
 * breaker half-opens after 2 s here; the poller runs every second; Kwik calls time out after 3 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.dispatch.poller.interval=1s",
        "orderflow.dispatch.poller.stale-after=2s",
        "orderflow.dispatch.sweep-interval=2s",
        "orderflow.dispatch.riders.courier=AUTO",
        "orderflow.dispatch.riders.offer-timeout=3s",
        "orderflow.kwik.timeout=3s",
        "orderflow.kafka.lag-interval=1s",
        "resilience4j.circuitbreaker.instances.kwik.wait-duration-in-open-state=2s",
        "resilience4j.retry.instances.kwik-booking.wait-duration=100ms"})
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
@AutoConfigureTracing
@Import(RecordedSpans.class)
abstract class DispatchTestBase {

    private static TopicReader topics;
    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    int port;

    @Value("${orderflow.security.jwt.secret}")
    String jwtSecret;

    @Autowired
    dev.orderflow.platform.security.OtpSeal otpSeal;

    /** The OTP a dispatch.booked carries, opened as order-service does (it travels sealed). */
    String otpOf(Event booked) {
        String sealed = booked.data().path("otp").asString();
        assertThat(sealed).as("never in clear on Kafka").startsWith("v1.").doesNotContainPattern("^\\d{6}$");
        return otpSeal.open(sealed, booked.data().path("id").asString());
    }

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers;

    RestClient http;

    @DynamicPropertySource
    static void kwik(DynamicPropertyRegistry registry) {
        registry.add("orderflow.kwik.base-url", () -> KwikSandbox.shared().baseUrl());
    }

    @BeforeEach
    void clients() {
        // the JDK client: Jetty's (on the test classpath, picked first) aborts a request whose body is
        // still being sent when a 401 arrives, which made tests of rejected requests fail now and then
        http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + port).build();
        if (topics == null) {
            topics = new TopicReader(bootstrapServers, Topics.DISPATCH_EVENTS, Topics.COURIER_LOCATIONS);
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        KwikSandbox.shared().faults(Map.of("failBookings", 0, "bookingDelayMillis", 0, "loseBookingReplies", 0));
        breakers.circuitBreaker("kwik").reset(); // one test's outage does not fail the next one fast
    }

    KwikSandbox sandbox() {
        return KwikSandbox.shared();
    }

    TopicReader topics() {
        return topics;
    }

    /** An order as order-service would publish it. */
    static OrderSnapshot order(String id, long version, boolean paid, boolean ready, String status) {
        Orders order = Orders.order(id).version(version).paid(paid).ready(ready).status(status);
        return ("CANCELLED".equals(status) ? order.cancelled(null) : order).build();
    }

    void publishOrder(OrderSnapshot order) {
        publishOrder(order, null);
    }

    void publishOrder(OrderSnapshot order, String traceparent) {
        String type = "CANCELLED".equals(order.status()) ? EventTypes.ORDER_CANCELLED : EventTypes.ORDER_UPDATED;
        publish(Topics.ORDERS_EVENTS, type, order.id(), order, traceparent);
    }

    /** An order.updated as order-service writes it, with {@code changes} naming these fields; returns its event id. */
    String publishOrderUpdate(OrderSnapshot order, String... changedFields) {
        tools.jackson.databind.node.ObjectNode data = json.valueToTree(order);
        tools.jackson.databind.node.ArrayNode changes = data.putArray("changes");
        for (String field : changedFields) {
            changes.addObject().put("field", field).put("from", "a").put("to", "b");
        }
        String id = UUID.randomUUID().toString();
        send(Topics.ORDERS_EVENTS, new EventEnvelope(id, EventTypes.ORDER_UPDATED, "/test", order.id(), Instant.now(), null,
                json.writeValueAsBytes(data)));
        return id;
    }

    void publishCourier(String orderId, String jobId, DispatchStatus status, Driver driver) {
        publishCourier(UUID.randomUUID().toString(), orderId, jobId, status, driver);
    }

    void publishCourier(String eventId, String orderId, String jobId, DispatchStatus status, Driver driver) {
        CourierStatusEvent news = new CourierStatusEvent("KWIK", jobId, orderId, status, "raw", driver, Instant.now());
        send(Topics.COURIER_EVENTS, new EventEnvelope(eventId, EventTypes.COURIER_STATUS, "/courier-adapter", orderId,
                Instant.now(), null, json.writeValueAsBytes(news)));
    }

    private void publish(String topic, String type, String key, Object data, String traceparent) {
        send(topic, new EventEnvelope(UUID.randomUUID().toString(), type, "/test", key, Instant.now(), traceparent,
                json.writeValueAsBytes(data)));
    }

    /** Bytes that are not a CloudEvent at all: a poison record for the listeners. */
    void publishGarbage(String topic, String key) {
        try {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, "not json".getBytes())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String topic, EventEnvelope event) {
        try {
            producer.send(CloudEventRecords.toRecord(topic, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code count} dispatch.events of this order; returns them as (type, data). */
    List<Event> dispatchEvents(String orderId, int count) {
        return topics.awaitRecords(Topics.DISPATCH_EVENTS, orderId, count).stream().map(this::event).toList();
    }

    List<Event> dispatchEventsSettled(String orderId) {
        return topics.settle(Topics.DISPATCH_EVENTS, orderId, Duration.ofSeconds(2)).stream().map(this::event).toList();
    }

    /** Every dispatch.events record a test reads must also fit docs/asyncapi.yaml (headers, fields, types). */
    private Event event(ConsumerRecord<String, byte[]> r) {
        AsyncApiContract.load().assertRecord(r);
        return new Event(TopicReader.header(r, "ce_type"), json.readTree(r.value()));
    }

    record Event(String type, JsonNode data) {

        String status() {
            return data.path("status").asString(null);
        }
    }

    /** Books a new order through the gate; returns (orderId, dispatch data of dispatch.booked). */
    Event bookedOrder(String orderId) {
        publishOrder(order(orderId, 3, true, true, "CONFIRMED"));
        Event booked = dispatchEvents(orderId, 1).getFirst();
        if (!"dispatch.booked".equals(booked.type())) {
            throw new AssertionError("expected dispatch.booked, got " + booked);
        }
        return booked;
    }

    void awaitStatus(String dispatchId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(
                jdbc.sql("SELECT status FROM dispatches WHERE id = ?").param(UUID.fromString(dispatchId))
                        .query(String.class).single()));
    }

    @Value("${orderflow.security.service-token.secret}")
    String serviceKey;

    /** What order-service sends when staff act: a service token naming the staff user. */
    String staffToken() {
        return serviceToken("staff-1", "STAFF");
    }

    String serviceToken(String user, String... roles) {
        return dev.orderflow.platform.security.ServiceTokens.mint(serviceKey, "order-service", "dispatch-service",
                new dev.orderflow.platform.security.Caller(user, java.util.Set.of(roles)), Duration.ofMinutes(5));
    }

    Response post(String path, String token, Object body) {
        RestClient.RequestBodySpec request = http.post().uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            return new Response(res.getStatusCode().value(), bytes.length == 0 ? null : json.readTree(bytes));
        });
    }

    record Response(int status, JsonNode body) {

        String code() {
            return body == null ? null : body.path("code").asString(null);
        }
    }
}
