package dev.orderflow.dispatch;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;

import static org.assertj.core.api.Assertions.assertThat;

/** BOOKED → ASSIGNED → PICKED_UP → IN_TRANSIT → OTP → DELIVERED, with late and repeated courier news ignored. */
class LifecycleTest extends DispatchTestBase {

    @Test
    void aDispatchRunsItsWholeLifecycleForwardOnly() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        String dispatchId = booked.data().path("id").asString();
        String jobId = booked.data().path("providerJobId").asString();
        String otp = otpOf(booked);
        Driver rider = new Driver("Tunde Bakare", "+2348030000001", null);

        String assigned = UUID.randomUUID().toString();
        publishCourier(assigned, orderId, jobId, DispatchStatus.ASSIGNED, rider);
        publishCourier(assigned, orderId, jobId, DispatchStatus.ASSIGNED, rider); // the same event again
        publishCourier(orderId, jobId, DispatchStatus.PICKED_UP, rider);
        publishCourier(orderId, jobId, DispatchStatus.ASSIGNED, rider); // late, out of order
        publishCourier(orderId, jobId, DispatchStatus.IN_TRANSIT, rider);
        awaitStatus(dispatchId, "IN_TRANSIT");

        Response wrong = post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", staffToken(),
                Map.of("code", otp.equals("000000") ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("OTP_INVALID");
        Response delivered = post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", staffToken(), Map.of("code", otp));
        assertThat(delivered.status()).isEqualTo(200);
        assertThat(delivered.body().path("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivered.body().has("otp")).as("never echoed").isFalse();
        assertThat(post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", staffToken(), Map.of("code", otp)).code())
                .isEqualTo("DISPATCH_ALREADY_DELIVERED");

        List<Event> events = dispatchEvents(orderId, 5);
        assertThat(dispatchEventsSettled(orderId)).hasSize(5);
        assertThat(events).extracting(Event::status)
                .containsExactly("BOOKED", "ASSIGNED", "PICKED_UP", "IN_TRANSIT", "DELIVERED");
        assertThat(events).extracting(e -> e.data().path("version").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(2).data().path("previousStatus").asString()).isEqualTo("ASSIGNED");
        assertThat(events.get(1).data().path("driver").path("name").asString()).isEqualTo("Tunde Bakare");
        assertThat(events.subList(1, 5)).allSatisfy(e -> assertThat(e.data().has("otp")).isFalse());
    }
}
