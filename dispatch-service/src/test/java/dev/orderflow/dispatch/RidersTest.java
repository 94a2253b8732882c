package dev.orderflow.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierLocationEvent;
import dev.orderflow.platform.events.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-house fleet with AUTO courier choice (DispatchTestBase): a free rider near the shop gets
 * the job offered, accepts, reports positions (courier.location + a falling ETA), progresses and
 * delivers with the OTP; offers expire to the next rider; staff reassign and complete by hand;
 * every input is validated. The shop is at 6.4541, 3.3947; the test orders deliver to 6.60, 3.35.
 */
class RidersTest extends DispatchTestBase {

    @AfterEach
    void ridersOffDuty() {
        jdbc.sql("UPDATE riders SET available = false").update();
    }

    @Test
    void aFreeRiderNearTheShopIsOfferedTheJobAcceptsMovesAndDelivers() {
        String rider = "rider-" + UUID.randomUUID();
        assertThat(put("/internal/v1/agent/availability", agent(rider), Map.of("available", true, "lat", 6.455, "lng", 3.395))
                .status()).isEqualTo(200);
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        assertThat(booked.data().path("provider").asString()).isEqualTo("IN_HOUSE");
        String otp = otpOf(booked);

        Event offer = dispatchEvents(orderId, 2).get(1);
        assertThat(offer.status()).isEqualTo("BOOKED");
        assertThat(offer.data().path("driver").path("agentId").asString()).isEqualTo(rider);

        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/status", agent(rider), Map.of("status", "PICKED_UP")).code())
                .as("an offer must be accepted first").isEqualTo("INVALID_TRANSITION");
        Response accepted = post("/internal/v1/agent/jobs/" + orderId + "/accept", agent(rider), null);
        assertThat(accepted.body().path("status").asString()).isEqualTo("ASSIGNED");

        // positions: published for the order, ETA set and, as the rider nears the customer, earlier
        Response first = post("/internal/v1/agent/location", agent(rider), Map.of("lat", 6.455, "lng", 3.395, "heading", 10));
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(200);
        Instant eta1 = Instant.parse(first.body().path("jobs").get(0).path("etaAt").asString());
        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/status", agent(rider), Map.of("status", "PICKED_UP")).status())
                .isEqualTo(200);
        sleep(1100); // the per-rider budget
        Response closer = post("/internal/v1/agent/location", agent(rider), Map.of("lat", 6.55, "lng", 3.37));
        Instant eta2 = Instant.parse(closer.body().path("jobs").get(0).path("etaAt").asString());
        assertThat(eta2).isBefore(eta1.minus(Duration.ofMinutes(5)));
        assertThat(topics().awaitRecords(Topics.COURIER_LOCATIONS, orderId, 2)).hasSize(2);

        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/status", agent(rider), Map.of("status", "IN_TRANSIT")).status())
                .isEqualTo(200);
        String dispatchId = booked.data().path("id").asString();
        Response delivered = post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", agent(rider), Map.of("code", otp));
        assertThat(delivered.body().path("status").asString()).isEqualTo("DELIVERED");

        List<Event> events = dispatchEvents(orderId, 8);
        assertThat(events).extracting(e -> e.data().path("changedBy").asString())
                .containsExactly("dispatch-service", "dispatch-service", rider, "dispatch-service", rider,
                        "dispatch-service", rider, rider);
        assertThat(events.get(3).data().path("etaAt").asString()).as("the first position set the ETA").isNotEmpty();
        assertThat(events.get(7).data().path("note").asString()).isEqualTo("OTP confirmed");
    }

    @Test
    void anOfferNotAcceptedInTimeGoesToTheNextRiderWhoLosesNothingElse() {
        String slow = "rider-slow-" + UUID.randomUUID();
        String next = "rider-next-" + UUID.randomUUID();
        put("/internal/v1/agent/availability", agent(slow), Map.of("available", true, "lat", 6.4541, "lng", 3.3947));
        put("/internal/v1/agent/availability", agent(next), Map.of("available", true, "lat", 6.47, "lng", 3.40));
        String orderId = UUID.randomUUID().toString();
        bookedOrder(orderId);
        assertThat(dispatchEvents(orderId, 2).get(1).data().path("driver").path("agentId").asString())
                .as("the nearest first").isEqualTo(slow);

        // the offer timeout is 3 s here: the job is withdrawn from the slow rider and offered to the next
        List<Event> events = dispatchEvents(orderId, 4);
        assertThat(events.get(2).data().path("previousAgentId").asString()).isEqualTo(slow);
        assertThat(events.get(2).data().has("driver")).isFalse();
        assertThat(events.get(2).data().path("note").asString()).contains("expired");
        assertThat(events.get(3).data().path("driver").path("agentId").asString()).isEqualTo(next);
        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/accept", agent(slow), null).code())
                .isEqualTo("DISPATCH_NOT_FOUND");

        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/decline", agent(next), Map.of("reason", "flat tyre"))
                .body().has("driver")).as("nobody else is free: the job waits unassigned").isFalse();
    }

    @Test
    void staffReassignTheJobAndTheFirstRiderLosesIt() {
        String first = "rider-a-" + UUID.randomUUID();
        String second = "rider-b-" + UUID.randomUUID();
        put("/internal/v1/agent/availability", agent(first), Map.of("available", true, "lat", 6.455, "lng", 3.395));
        String orderId = UUID.randomUUID().toString();
        bookedOrder(orderId);
        post("/internal/v1/agent/jobs/" + orderId + "/accept", agent(first), null);

        Response reassigned = post("/internal/v1/orders/" + orderId + "/dispatch/assign", staffToken(),
                Map.of("agentId", second));
        assertThat(reassigned.body().path("status").asString()).isEqualTo("ASSIGNED");
        assertThat(reassigned.body().path("driver").path("agentId").asString()).isEqualTo(second);
        Event event = dispatchEvents(orderId, 4).get(3);
        assertThat(event.data().path("previousAgentId").asString()).isEqualTo(first);
        assertThat(event.data().path("changedBy").asString()).isEqualTo("staff-1");
        assertThat(event.data().path("note").asString()).isEqualTo("reassigned from " + first + " to " + second);
        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/status", agent(first), Map.of("status", "PICKED_UP")).code())
                .isEqualTo("DISPATCH_NOT_FOUND");
        assertThat(post("/internal/v1/agent/location", agent(first), Map.of("lat", 6.5, "lng", 3.4)).code())
                .as("no job, and available no longer matters once off duty").isIn("NO_ACTIVE_JOB", null);
    }

    @Test
    void staffCompleteAStuckDispatchByHandWithTheReasonInItsEvent() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId); // no rider free: Kwik
        assertThat(booked.data().path("provider").asString()).isEqualTo("KWIK");
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/assign", staffToken(), Map.of("agentId", "rider-x"))
                .code()).isEqualTo("DISPATCH_NOT_ASSIGNABLE");
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/complete", staffToken(),
                Map.of("outcome", "DELIVERED")).code()).as("a reason is required").isEqualTo("VALIDATION_FAILED");
        Response done = post("/internal/v1/orders/" + orderId + "/dispatch/complete", staffToken(),
                Map.of("outcome", "DELIVERED", "reason", "customer confirmed by phone"));
        assertThat(done.body().path("status").asString()).isEqualTo("DELIVERED");
        Event event = dispatchEvents(orderId, 2).get(1);
        assertThat(event.data().path("changedBy").asString()).isEqualTo("staff-1");
        assertThat(event.data().path("note").asString()).isEqualTo("completed by staff: customer confirmed by phone");
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/complete", staffToken(),
                Map.of("outcome", "FAILED", "reason", "x")).code()).isEqualTo("INVALID_TRANSITION");
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/complete", agent("rider-1"),
                Map.of("outcome", "FAILED", "reason", "x")).code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aKwikCouriersReportedPositionSetsTheEta() {
        String orderId = UUID.randomUUID().toString();
        bookedOrder(orderId);
        CourierLocationEvent at = new CourierLocationEvent(orderId, 6.50, 3.38, null, Instant.now());
        sendLocation(at);
        Event eta = dispatchEvents(orderId, 2).get(1);
        assertThat(eta.data().path("etaAt").asString()).isNotEmpty();
        assertThat(eta.data().path("note").asString()).isEqualTo("ETA from the courier's position");
    }

    @Test
    void badPositionsAndCommandsAreRefusedWithCodesNeverA5xx() {
        String rider = "rider-v-" + UUID.randomUUID();
        assertThat(post("/internal/v1/agent/location", agent(rider), Map.of("lat", 91, "lng", 3)).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(post("/internal/v1/agent/location", agent(rider), Map.of("lat", 6.5, "lng", 3.4, "heading", 400)).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(post("/internal/v1/agent/location", agent(rider), Map.of("lat", "north", "lng", 3)).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(post("/internal/v1/agent/location", agent(rider), Map.of("lat", 6.5, "lng", 3.4)).code())
                .as("off duty, no job").isEqualTo("NO_ACTIVE_JOB");
        assertThat(put("/internal/v1/agent/availability", agent(rider), Map.of("available", true, "lat", 6.5)).code())
                .isEqualTo("VALIDATION_FAILED");
        put("/internal/v1/agent/availability", agent(rider), Map.of("available", true, "lat", 6.0, "lng", 3.0));
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            Response r = post("/internal/v1/agent/location", agent(rider), Map.of("lat", 6.0, "lng", 3.0));
            assertThat(r.status()).isIn(200, 429);
            refused += r.status() == 429 ? 1 : 0;
        }
        assertThat(refused).as("2/s with a burst of 4").isGreaterThan(0);
        String orderId = UUID.randomUUID().toString();
        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/status", agent(rider), Map.of("status", "DELIVERED")).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/status", agent(rider), Map.of("status", "FAILED")).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(post("/internal/v1/agent/jobs/not-an-id/accept", agent(rider), null).code()).isEqualTo("INVALID_ID");
        assertThat(post("/internal/v1/agent/jobs/" + orderId + "/accept", staffToken(), null).code()).isEqualTo("FORBIDDEN");
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/assign", staffToken(), Map.of("agentId", "a b")).code())
                .isEqualTo("VALIDATION_FAILED");
    }

    /** What order-service sends when a rider acts: a service token naming the rider. */
    private String agent(String sub) {
        return serviceToken(sub, "AGENT");
    }

    private void sendLocation(CourierLocationEvent location) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), EventTypes.COURIER_LOCATION,
                "/courier-adapter", location.orderId(), Instant.now(), null, json.writeValueAsBytes(location));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers", bootstrapServers), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(dev.orderflow.platform.events.CloudEventRecords.toRecord(Topics.COURIER_LOCATIONS, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Response put(String path, String token, Object body) {
        return http.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body))
                .exchange((req, res) -> {
                    byte[] bytes = res.getBody().readAllBytes();
                    return new Response(res.getStatusCode().value(), bytes.length == 0 ? null : json.readTree(bytes));
                });
    }

    private static void sleep(long millis) {
        Awaitility.await().pollDelay(Duration.ofMillis(millis)).until(() -> true);
    }
}
