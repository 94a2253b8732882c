package dev.orderflow.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rider's API and the staff dispatch commands in order-service: a rider's jobs follow the
 * dispatch (an offer shows, a reassignment takes the order out of the old rider's view at once),
 * the history names who changed the dispatch and why, and every bad input is refused here with a
 * 400/403 before anything is forwarded. (dispatch-service is not running in these tests: a valid
 * command answers 503; the local-stack end-to-end test runs the forwarding for real.)
 */
class AgentApiTest extends OrderServiceTestBase {

    @Test
    void aRidersJobsFollowTheDispatchAndAReassignedRiderLosesTheOrderAtOnce() {
        String first = newUser();
        String second = newUser();
        String id = createOrder(newUser());
        String dispatchId = UUID.randomUUID().toString();
        publish(dispatch(id, dispatchId, DispatchStatus.BOOKED, null, null, 1, "dispatch-service", "booked: IN_HOUSE"));
        publish(dispatch(id, dispatchId, DispatchStatus.BOOKED, first, null, 2, "dispatch-service", "offered to " + first));
        awaitVersion(id, 3);
        assertThat(jobs(first)).containsExactly(id);
        assertThat(jobs(second)).isEmpty();

        publish(dispatch(id, dispatchId, DispatchStatus.ASSIGNED, second, first, 3, "staff-1", "reassigned from " + first));
        awaitVersion(id, 4);
        assertThat(jobs(first)).as("the old rider's view loses it").isEmpty();
        assertThat(get("/api/v1/orders/" + id, token(first, "AGENT")).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(jobs(second)).containsExactly(id);
        Response polled = get("/api/v1/agent/jobs?updatedSince=" + Instant.now().minusSeconds(60), token(second, "AGENT"));
        assertThat(polled.body().get("items").size()).isEqualTo(1);
        assertThat(polled.body().has("asOf")).isTrue();

        JsonNode last = lastHistory(id);
        assertThat(last.get("changedBy").asString()).as("who did it").isEqualTo("staff-1");
        assertThat(last.get("note").asString()).as("and why").isEqualTo("reassigned from " + first);

        publish(dispatch(id, dispatchId, DispatchStatus.DELIVERED, second, second, 4, second, "OTP confirmed"));
        awaitVersion(id, 5);
        assertThat(jobs(second)).as("only live jobs").isEmpty();
        assertThat(lastHistory(id).get("changedBy").asString()).isEqualTo(second);
    }

    @Test
    void badRiderAndStaffInputIsRefusedBeforeForwarding() {
        String rider = token(newUser(), "AGENT");
        String id = createOrder(newUser());
        expect(HttpMethod.POST, "/api/v1/agent/location", rider, Map.of("lat", 91, "lng", 3), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/agent/location", rider, Map.of("lat", 6.5), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/agent/location", rider, Map.of("lat", 6.5, "lng", 3.4, "speed", -1), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/agent/location", rider, "not json", 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/agent/location", staffToken(), Map.of("lat", 6.5, "lng", 3.4), 403, "FORBIDDEN");
        expect(HttpMethod.PUT, "/api/v1/agent/availability", rider, Map.of("available", true, "lat", 6.5), 400, "VALIDATION_FAILED");
        expect(HttpMethod.PUT, "/api/v1/agent/availability", rider, Map.of("lat", 6.5, "lng", 3.1), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/agent/jobs/" + id + "/status", rider, Map.of("status", "DELIVERED"), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/agent/jobs/" + id + "/status", rider, Map.of("status", "FAILED"), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/agent/jobs/nope/accept", rider, null, 400, "INVALID_ID");
        expect(HttpMethod.GET, "/api/v1/agent/jobs?updatedSince=yesterday", rider, null, 400, "VALIDATION_FAILED");
        expect(HttpMethod.GET, "/api/v1/agent/jobs", staffToken(), null, 403, "FORBIDDEN");
        expect(HttpMethod.GET, "/api/v1/riders", rider, null, 403, "FORBIDDEN");
        expect(HttpMethod.POST, "/api/v1/orders/" + id + "/dispatch/assign", rider, Map.of("agentId", "a-1"), 403, "FORBIDDEN");
        expect(HttpMethod.POST, "/api/v1/orders/" + id + "/dispatch/assign", staffToken(), Map.of("agentId", "a b"), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/orders/" + id + "/dispatch/assign", staffToken(), Map.of(), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/orders/" + id + "/dispatch/complete", staffToken(), Map.of("outcome", "DELIVERED"), 400, "VALIDATION_FAILED");
        expect(HttpMethod.POST, "/api/v1/orders/" + id + "/dispatch/complete", staffToken(),
                Map.of("outcome", "LOST", "reason", "x"), 400, "VALIDATION_FAILED");
        // valid, but dispatch-service is not running here
        expect(HttpMethod.POST, "/api/v1/orders/" + id + "/dispatch/assign", staffToken(), Map.of("agentId", "a-1"), 503, "SERVICE_UNAVAILABLE");
        expect(HttpMethod.POST, "/api/v1/agent/location", rider, Map.of("lat", 6.5, "lng", 3.4), 503, "SERVICE_UNAVAILABLE");
    }

    private void expect(HttpMethod method, String path, String token, Object body, int status, String code) {
        Response response = call(method, path, token, body);
        assertThat(response.status()).as(method + " " + path + " " + body + ": " + response.body()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
    }

    private List<String> jobs(String agent) {
        return get("/api/v1/agent/jobs", token(agent, "AGENT")).body().get("items").valueStream()
                .map(o -> o.get("id").asString()).toList();
    }

    private JsonNode lastHistory(String id) {
        List<JsonNode> history = get("/api/v1/orders/" + id + "/history", staffToken()).body().valueStream().toList();
        return history.getLast();
    }

    private void awaitVersion(String orderId, long version) {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/v1/orders/" + orderId, staffToken()).body().get("version").asLong()).isEqualTo(version));
    }

    private static DispatchSnapshot dispatch(String orderId, String dispatchId, DispatchStatus status, String agent,
                                             String previousAgent, long version, String changedBy, String note) {
        Driver driver = agent == null ? null : new Driver(agent, null, agent);
        return new DispatchSnapshot(dispatchId, orderId, status, null, "IN_HOUSE", "IH-" + dispatchId, null, driver, null,
                null, 1, version, Instant.now(), previousAgent, changedBy, note);
    }

    private void publish(DispatchSnapshot data) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(),
                data.version() == 1 ? EventTypes.DISPATCH_BOOKED : EventTypes.DISPATCH_UPDATED, "/dispatch-service",
                data.orderId(), Instant.now(), null, json.writeValueAsBytes(data));
        try {
            producer().send(CloudEventRecords.toRecord(Topics.DISPATCH_EVENTS, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
