package dev.orderflow.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.platform.security.JwtTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** The internal commands and every error code they answer. */
class CommandsTest extends DispatchTestBase {

    @Test
    void cancelThenRedispatchBooksASecondAttempt() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        String jobId = booked.data().path("providerJobId").asString();

        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/redispatch", staffToken(), null).code())
                .as("a live dispatch is not re-dispatched").isEqualTo("DISPATCH_NOT_REDISPATCHABLE");
        Response cancelled = post("/internal/v1/orders/" + orderId + "/dispatch/cancel", staffToken(), Map.of("reason", "rider late"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asString()).isEqualTo("CANCELED");
        assertThat(sandbox().task(jobId).path("job_status").asInt()).as("cancelled at Kwik").isEqualTo(9);
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/cancel", staffToken(), null).code())
                .isEqualTo("DISPATCH_NOT_CANCELLABLE");

        Response again = post("/internal/v1/orders/" + orderId + "/dispatch/redispatch", staffToken(), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("status").asString()).isEqualTo("BOOKED");
        assertThat(again.body().path("attempt").asInt()).isEqualTo(2);
        assertThat(sandbox().bookings(orderId)).hasSize(2);
        assertThat(dispatchEvents(orderId, 3)).extracting(Event::type)
                .containsExactly("dispatch.booked", "dispatch.updated", "dispatch.booked");
    }

    @Test
    void aPickedUpDispatchCannotBeCancelledAndUnpaidOrdersAreNotRedispatched() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        publishCourier(orderId, booked.data().path("providerJobId").asString(), DispatchStatus.PICKED_UP, null);
        awaitStatus(booked.data().path("id").asString(), "PICKED_UP");
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/cancel", staffToken(), null).code())
                .isEqualTo("DISPATCH_NOT_CANCELLABLE");

        String refunded = UUID.randomUUID().toString();
        Event second = bookedOrder(refunded);
        post("/internal/v1/orders/" + refunded + "/dispatch/cancel", staffToken(), null);
        publishOrder(order(refunded, 9, false, true, "READY"));
        awaitPaid(refunded, false);
        Response unpaid = post("/internal/v1/orders/" + refunded + "/dispatch/redispatch", staffToken(), null);
        assertThat(unpaid.code()).isEqualTo("PAYMENT_NOT_CAPTURED");
        assertThat(second.data().path("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void otpRulesAndLocking() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        String dispatchId = booked.data().path("id").asString();
        String otp = otpOf(booked);
        String wrong = otp.equals("000000") ? "111111" : "000000";

        assertThat(post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", staffToken(), Map.of("code", otp)).code())
                .isEqualTo("DISPATCH_NOT_IN_TRANSIT");
        publishCourier(orderId, booked.data().path("providerJobId").asString(), DispatchStatus.IN_TRANSIT, null);
        awaitStatus(dispatchId, "IN_TRANSIT");
        for (int i = 0; i < 5; i++) {
            assertThat(post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", staffToken(), Map.of("code", wrong)).code())
                    .isEqualTo("OTP_INVALID");
        }
        Response locked = post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", staffToken(), Map.of("code", otp));
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.code()).as("even the right code, once locked").isEqualTo("OTP_LOCKED");
    }

    @Test
    void unknownAndMalformedInputs() {
        String unknown = UUID.randomUUID().toString();
        assertThat(post("/internal/v1/dispatches/" + unknown + "/otp/verify", staffToken(), Map.of("code", "123456")).code())
                .isEqualTo("DISPATCH_NOT_FOUND");
        assertThat(post("/internal/v1/orders/" + unknown + "/dispatch/cancel", staffToken(), null).code())
                .isEqualTo("DISPATCH_NOT_FOUND");
        assertThat(post("/internal/v1/orders/" + unknown + "/dispatch/redispatch", staffToken(), null).code())
                .isEqualTo("DISPATCH_NOT_FOUND");
        assertThat(post("/internal/v1/dispatches/not-an-id/otp/verify", staffToken(), Map.of("code", "123456")).code())
                .isEqualTo("INVALID_ID");
        assertThat(post("/internal/v1/dispatches/" + unknown + "/otp/verify", staffToken(), Map.of("code", "12")).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(post("/internal/v1/orders/" + unknown + "/dispatch/cancel", null, null).code()).isEqualTo("UNAUTHORIZED");
        assertThat(post("/internal/v1/orders/" + unknown + "/dispatch/cancel", serviceToken("c-1", "CUSTOMER"), null).code())
                .isEqualTo("FORBIDDEN");
        // a user's own token — even an ADMIN's — is not a service token: refused
        String admin = JwtTokens.issue(jwtSecret, "admin-1", List.of("ADMIN"), Duration.ofMinutes(5));
        assertThat(post("/internal/v1/orders/" + unknown + "/dispatch/cancel", admin, null).code()).isEqualTo("UNAUTHORIZED");
        String forged = dev.orderflow.platform.security.ServiceTokens.mint(jwtSecret, "order-service", "dispatch-service",
                new dev.orderflow.platform.security.Caller("admin-1", java.util.Set.of("ADMIN")), Duration.ofMinutes(5));
        assertThat(post("/internal/v1/orders/" + unknown + "/dispatch/cancel", forged, null).code())
                .as("signed with the users' key, not the service key").isEqualTo("UNAUTHORIZED");
    }

    @Test
    void anAgentActsOnlyOnTheDispatchItIsAssigned() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        String dispatchId = booked.data().path("id").asString();
        String jobId = booked.data().path("providerJobId").asString();
        publishCourier(orderId, jobId, DispatchStatus.ASSIGNED,
                new dev.orderflow.contracts.dispatch.Driver("Ada Rider", "+2348000000001", "agent-7"));
        awaitStatus(dispatchId, "ASSIGNED");

        String otherRider = serviceToken("agent-8", "AGENT");
        for (int i = 0; i < 6; i++) { // another rider cannot spend the OTP attempts and lock this delivery
            assertThat(post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", otherRider, Map.of("code", "000000")).code())
                    .isEqualTo("FORBIDDEN");
        }
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/cancel", serviceToken("agent-7", "AGENT"), null).code())
                .as("riders do not cancel").isEqualTo("FORBIDDEN");
        assertThat(post("/internal/v1/orders/" + orderId + "/dispatch/redispatch", serviceToken("agent-7", "AGENT"), null).code())
                .isEqualTo("FORBIDDEN");
        assertThat(post("/internal/v1/dispatches/" + dispatchId + "/otp/verify", serviceToken("agent-7", "AGENT"),
                Map.of("code", otpOf(booked))).code()).as("its own rider passes the check").isEqualTo("DISPATCH_NOT_IN_TRANSIT");
        assertThat(jdbc.sql("SELECT otp_failures FROM dispatches WHERE id = ?").param(UUID.fromString(dispatchId))
                .query(Integer.class).single()).isZero();
    }

    @Test
    void cancellingTheOrderCancelsADispatchNotYetPickedUp() {
        String orderId = UUID.randomUUID().toString();
        Event booked = bookedOrder(orderId);
        publishOrder(order(orderId, 5, true, true, "CANCELLED"));
        List<Event> events = dispatchEvents(orderId, 2);
        assertThat(events.get(1).status()).isEqualTo("CANCELED");
        assertThat(sandbox().task(booked.data().path("providerJobId").asString()).path("job_status").asInt()).isEqualTo(9);
    }

    private void awaitPaid(String orderId, boolean paid) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc
                .sql("SELECT paid FROM order_gates WHERE order_id = ?").param(UUID.fromString(orderId))
                .query(Boolean.class).single() == paid);
    }
}
