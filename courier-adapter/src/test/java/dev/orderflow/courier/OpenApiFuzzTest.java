package dev.orderflow.courier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.client.RestClient;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.embedded.OpenApiFuzz;
import dev.orderflow.platform.security.JwtTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of courier-adapter's OpenAPI document, the webhook first, gets invalid input: never a 5xx. */
class OpenApiFuzzTest extends CourierAdapterTestBase {

    @LocalManagementPort
    int managementPort;

    @Test
    void noInvalidInputGetsA5xxAndCallbacksStillFlow() throws Exception {
        String document = RestClient.create("http://localhost:" + managementPort).get().uri("/actuator/openapi")
                .retrieve().body(String.class);
        OpenApiFuzz fuzz = new OpenApiFuzz("http://localhost:" + port, document, 3)
                .parameter("token", SECRET) // so the bodies reach the parser, not just the token check
                .example("POST /webhooks/kwik", Map.of("job_id", 4711, "job_status", 1, "order_id", newOrderId(),
                        "fleet_name", "Tunde", "fleet_latitude", 6.45, "fleet_longitude", 3.39, "timestamp", "2026-11-23T03:00:00Z"));
        String staff = JwtTokens.issue(jwtSecret, "staff-1", List.of("STAFF"), Duration.ofMinutes(10));

        assertThat(fuzz.run(staff)).as("5xx answers to bad input").isEmpty();
        assertThat(fuzz.requestsSent()).isGreaterThan(100);

        Thread.sleep(1_100); // the webhook's per-address budget (the fuzzing spent it) refills each second
        String orderId = newOrderId();
        Response accepted = postWebhook("{\"job_id\": 990011, \"job_status\": 0, \"order_id\": \"" + orderId
                + "\", \"timestamp\": \"2026-11-23T03:00:00Z\"}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(events().statuses(orderId, 1)).extracting(e -> e.status()).containsExactly(DispatchStatus.ASSIGNED);
    }
}
