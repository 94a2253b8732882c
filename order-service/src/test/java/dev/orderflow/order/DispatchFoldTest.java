package dev.orderflow.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchFailure;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.fixtures.Dispatches;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dispatch.events folded into the consolidated order: the dispatch shows up, progress moves the
 * order, repeats and stale news change nothing, the assigned agent gains sight of the order and
 * the OTP appears only in the customer's own view.
 */
class DispatchFoldTest extends OrderServiceTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    dev.orderflow.platform.security.OtpSeal otpSeal;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void dispatchProgressIsFoldedIntoTheOrderOnce() {
        String customer = newUser();
        String agent = newUser();
        String id = createOrder(customer);
        String dispatchId = UUID.randomUUID().toString();

        // the OTP arrives sealed (as dispatch-service sends it) and is stored sealed
        String sealed = otpSeal.seal("975310", dispatchId);
        String booked = publish(EventTypes.DISPATCH_BOOKED, dispatch(id, dispatchId, DispatchStatus.BOOKED, null, sealed, 1, 1));
        awaitVersion(id, 2);
        publish(EventTypes.DISPATCH_UPDATED, dispatch(id, dispatchId, DispatchStatus.ASSIGNED, agent, null, 1, 2));
        awaitVersion(id, 3);

        Response staffView = get("/api/v1/orders/" + id, staffToken());
        assertThat(staffView.body().get("dispatch").get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(staffView.body().get("dispatch").get("driver").get("name").asString()).isEqualTo("Ada Rider");
        assertThat(staffView.body().get("dispatch").get("otp")).as("staff never see the OTP").isNull();
        Response customerView = get("/api/v1/orders/" + id, token(customer, "CUSTOMER"));
        assertThat(customerView.body().get("dispatch").get("otp").asString()).isEqualTo("975310");
        assertThat(jdbc.sql("SELECT dispatch::text FROM orders WHERE id = ?::uuid").param(id).query(String.class).single())
                .as("stored sealed, never in clear").contains(sealed).doesNotContain("975310");
        assertThat(get("/api/v1/orders/" + id, token(agent, "AGENT")).status()).as("the assigned agent sees it").isEqualTo(200);
        assertThat(get("/api/v1/orders/" + id, token(newUser(), "AGENT")).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(get("/api/v1/orders?status=ASSIGNED", token(agent, "AGENT")).body().get("total").asLong()).isEqualTo(1);

        // a redelivered event and stale news (older version of the same attempt) change nothing
        resend(booked, EventTypes.DISPATCH_BOOKED, dispatch(id, dispatchId, DispatchStatus.BOOKED, null, sealed, 1, 1));
        publish(EventTypes.DISPATCH_UPDATED, dispatch(id, dispatchId, DispatchStatus.BOOKED, null, null, 1, 1));
        publish(EventTypes.DISPATCH_UPDATED, dispatch(id, dispatchId, DispatchStatus.IN_TRANSIT, agent, null, 1, 4));
        awaitVersion(id, 4);
        Response moving = get("/api/v1/orders/" + id, staffToken());
        assertThat(moving.body().get("dispatch").get("status").asString()).isEqualTo("IN_TRANSIT");
        assertThat(moving.text("status")).as("dispatch progress moves the order").isEqualTo("OUT_FOR_DELIVERY");

        List<ConsumerRecord<String, byte[]>> events = orderEvents(id, 4);
        assertThat(events).hasSize(4);
        assertThat(json.readTree(events.get(3).value()).get("changes").toString())
                .contains("\"field\":\"dispatchStatus\",\"from\":\"ASSIGNED\",\"to\":\"IN_TRANSIT\"")
                .contains("\"field\":\"status\",\"from\":\"PENDING\",\"to\":\"OUT_FOR_DELIVERY\"");
        assertThat(new String(events.get(1).value(), StandardCharsets.UTF_8)).as("no OTP on the bus").doesNotContain("975310");

        publish(EventTypes.DISPATCH_UPDATED, dispatch(id, dispatchId, DispatchStatus.DELIVERED, agent, null, 1, 5));
        awaitVersion(id, 5);
        assertThat(get("/api/v1/orders/" + id, staffToken()).text("status")).isEqualTo("DELIVERED");
        assertThat(get("/api/v1/orders/" + id + "/history", staffToken()).body().valueStream()
                .map(h -> h.get("field").asString() + ":" + h.get("to").asString()).toList())
                .containsSubsequence("dispatchStatus:BOOKED", "dispatchStatus:ASSIGNED", "dispatchStatus:IN_TRANSIT",
                        "status:OUT_FOR_DELIVERY", "dispatchStatus:DELIVERED", "status:DELIVERED");
    }

    @Test
    void aFailedBookingShowsAsAFailedDispatchAndANewAttemptReplacesIt() {
        String id = createOrder(newUser());
        String firstAttempt = UUID.randomUUID().toString();
        publish(EventTypes.DISPATCH_FAILED, new DispatchFailure(id, firstAttempt, "DISPATCH_CREATION_FAILED", "Kwik down", 1));
        awaitVersion(id, 2);
        assertThat(get("/api/v1/orders/" + id, staffToken()).body().get("dispatch").get("status").asString()).isEqualTo("FAILED");
        assertThat(get("/api/v1/orders?status=FAILED", staffToken()).body().get("items").valueStream()
                .map(o -> o.get("id").asString()).toList()).contains(id);

        String secondAttempt = UUID.randomUUID().toString();
        publish(EventTypes.DISPATCH_BOOKED, dispatch(id, secondAttempt, DispatchStatus.BOOKED, null, "654321", 2, 1));
        awaitVersion(id, 3);
        Response order = get("/api/v1/orders/" + id, staffToken());
        assertThat(order.body().get("dispatch").get("id").asString()).isEqualTo(secondAttempt);
        assertThat(order.body().get("dispatch").get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void newsForAnUnknownOrderIsSkippedWithoutBlockingThePartition() {
        String unknown = UUID.randomUUID().toString();
        publish(EventTypes.DISPATCH_UPDATED, dispatch(unknown, UUID.randomUUID().toString(), DispatchStatus.ASSIGNED, null, null, 1, 2));
        String id = createOrder(newUser());
        publish(EventTypes.DISPATCH_BOOKED, dispatch(id, UUID.randomUUID().toString(), DispatchStatus.BOOKED, null, null, 1, 1));
        awaitVersion(id, 2);
    }

    private void awaitVersion(String orderId, long version) {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/v1/orders/" + orderId, staffToken()).body().get("version").asLong()).isEqualTo(version));
    }

    private static DispatchSnapshot dispatch(String orderId, String dispatchId, DispatchStatus status, String agent,
                                             String otp, int attempt, long version) {
        Driver driver = agent == null ? null : new Driver("Ada Rider", "+2348000000001", agent);
        return Dispatches.dispatchOf(orderId).id(dispatchId).status(status).job("job-" + dispatchId.substring(0, 8))
                .trackingUrl("https://track.example/" + dispatchId).driver(driver).otp(otp).attempt(attempt)
                .version(version).build();
    }

    private String publish(String type, Object data) {
        String eventId = UUID.randomUUID().toString();
        resend(eventId, type, data);
        return eventId;
    }

    private void resend(String eventId, String type, Object data) {
        String orderId = data instanceof DispatchSnapshot d ? d.orderId() : ((DispatchFailure) data).orderId();
        EventEnvelope event = new EventEnvelope(eventId, type, "/dispatch-service", orderId, Instant.now(), null,
                json.writeValueAsBytes(data));
        try {
            producer().send(CloudEventRecords.toRecord(Topics.DISPATCH_EVENTS, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
