package dev.orderflow.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.dispatch.DispatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Kwik failing, slow or silent: retries book once, a lasting outage fails cleanly, the poller catches up. */
class KwikFaultsTest extends DispatchTestBase {

    @Test
    void aBriefOutageIsRetriedIntoExactlyOneBooking() {
        sandbox().faults(Map.of("failBookings", 2, "failMode", "HTTP_500"));
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        assertThat(booked.status()).isEqualTo("BOOKED");
        assertThat(sandbox().bookings(orderId)).hasSize(1);
    }

    @Test
    void aLastingOutageFailsTheDispatchAndARedispatchLaterBooksOnce() {
        sandbox().faults(Map.of("failBookings", 100, "failMode", "ERROR_STATUS"));
        String orderId = UUID.randomUUID().toString();
        publishOrder(order(orderId, 3, true, true, "READY"));
        Event failed = dispatchEvents(orderId, 1).getFirst();
        assertThat(failed.type()).isEqualTo("dispatch.failed");
        assertThat(failed.data().path("code").asString()).isEqualTo("DISPATCH_CREATION_FAILED");
        assertThat(failed.data().path("attempt").asInt()).isEqualTo(1);
        assertThat(sandbox().bookings(orderId)).isEmpty();

        Response stillDown = post("/internal/v1/orders/" + orderId + "/dispatch/redispatch", staffToken(), null);
        assertThat(stillDown.status()).isEqualTo(502);
        assertThat(stillDown.code()).isEqualTo("DISPATCH_CREATION_FAILED");

        assertThat(jdbc.sql("SELECT count(*) FROM dispatches WHERE order_id = ? AND failure_detail LIKE '%CircuitBreaker%'")
                .param(UUID.fromString(orderId)).query(Integer.class).single())
                .as("the circuit breaker opened and failed fast").isPositive();

        sandbox().faults(Map.of("failBookings", 0));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "BOOKED".equals(post("/internal/v1/orders/" + orderId + "/dispatch/redispatch", staffToken(), null)
                        .body().path("status").asString(null)));
        assertThat(sandbox().bookings(orderId)).as("no double booking when Kwik is back").hasSize(1);
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/redispatch", staffToken(), null).code())
                .isEqualTo("DISPATCH_NOT_REDISPATCHABLE");
    }

    @Test
    void aMissedWebhookIsRecoveredByThePoller() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        String jobId = booked.data().path("providerJobId").asString();
        sandbox().advance(jobId); // Kwik assigns a driver; its webhook never reaches us
        sandbox().advance(jobId); // and the driver picks the parcel up

        List<Event> events = dispatchEvents(orderId, 2);
        assertThat(events.get(1).status()).isEqualTo(DispatchStatus.PICKED_UP.name());
        assertThat(events.get(1).data().path("driver").path("name").asString()).isNotBlank();
    }

    @Test
    void theTraceOfTheOrderEventReachesTheKwikBookingRequest() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String orderId = UUID.randomUUID().toString();
        publishOrder(order(orderId, 3, true, true, "READY"), "00-" + trace + "-b7ad6b7169203331-01");
        dispatchEvents(orderId, 1);
        assertThat(sandbox().bookings(orderId).getFirst().path("traceparent").asString()).contains(trace);
    }
}
