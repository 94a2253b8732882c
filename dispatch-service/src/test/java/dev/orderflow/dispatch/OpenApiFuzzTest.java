package dev.orderflow.dispatch;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.client.RestClient;

import dev.orderflow.embedded.OpenApiFuzz;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of dispatch-service's OpenAPI document gets invalid input: never a 5xx, and bookings still flow. */
class OpenApiFuzzTest extends DispatchTestBase {

    @LocalManagementPort
    int managementPort;

    @Test
    void noInvalidInputGetsA5xxAndBookingsStillFlow() throws Exception {
        String document = RestClient.create("http://localhost:" + managementPort).get().uri("/actuator/openapi")
                .retrieve().body(String.class);
        OpenApiFuzz fuzz = new OpenApiFuzz("http://localhost:" + port, document, 7)
                .example("POST /internal/v1/orders/{orderId}/dispatch/cancel", Map.of("reason", "rider late"))
                .example("POST /internal/v1/dispatches/{dispatchId}/otp/verify", Map.of("code", "123456"));

        assertThat(fuzz.run(staffToken())).as("5xx answers to bad input").isEmpty();
        assertThat(fuzz.requestsSent()).isGreaterThan(100);
        Event booked = bookedOrder(UUID.randomUUID().toString());
        assertThat(booked.data().path("status").asString()).as("the outbox relay still publishes").isEqualTo("BOOKED");
    }
}
