package dev.orderflow.order;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.client.RestClient;

import dev.orderflow.embedded.OpenApiFuzz;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of order-service's OpenAPI document gets invalid input: never a 5xx, and the relay keeps going. */
class OpenApiFuzzTest extends OrderServiceTestBase {

    @LocalManagementPort
    int managementPort;

    @Test
    void noInvalidInputGetsA5xxAndTheRelayIsNotStuck() throws Exception {
        String document = RestClient.create("http://localhost:" + managementPort).get().uri("/actuator/openapi")
                .retrieve().body(String.class);
        OpenApiFuzz fuzz = new OpenApiFuzz("http://localhost:" + port, document, 12)
                .example("POST /api/v1/orders", orderBody(newUser()))
                .example("PATCH /api/v1/orders/{orderId}/status", java.util.Map.of("status", "CONFIRMED", "note", "ok"))
                .example("POST /api/v1/orders/{orderId}/cancel", java.util.Map.of("reason", "changed my mind"));

        List<OpenApiFuzz.Finding> findings = fuzz.run(staffToken()).stream()
                // dispatch-service is not running in this module's tests: a well-formed command that reaches it is 503
                .filter(f -> !(f.status() == 503 && f.body().contains("SERVICE_UNAVAILABLE")))
                .toList();

        assertThat(fuzz.requestsSent()).as("every operation was walked").isGreaterThan(500);
        assertThat(findings).as("5xx answers to bad input").isEmpty();
        String id = createOrder(newUser());
        // its order.created (the notifications it triggers share the topic)
        assertThat(orderEvents(id, 1)).as("the relay still publishes").hasSize(1);
    }
}
