package dev.orderflow.order;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second context, configured differently without code: the service-desk workflow and a tight
 * rate limit. Also checks the operators' JSON log lines (docs/contract.md §7).
 */
@TestPropertySource(properties = {
        "orderflow.test.database=order_service_desk",
        "orderflow.workflow.active=service-desk",
        "orderflow.rate-limit.requests-per-period=20",
        "orderflow.rate-limit.period=1h"})
@ExtendWith(OutputCaptureExtension.class)
class ServiceDeskWorkflowTest extends OrderServiceTestBase {

    @Test
    void anotherWorkflowIsOnlyConfiguration() {
        String id = createOrder(newUser());
        assertThat(get("/api/v1/orders/" + id, staffToken()).text("status")).isEqualTo("SUBMITTED");
        assertThat(patchStatus(id, "CONFIRMED").code()).as("the default workflow's statuses are unknown here")
                .isEqualTo("INVALID_STATUS");
        assertThat(patchStatus(id, "ASSIGNED").code()).isEqualTo("INVALID_TRANSITION");
        for (String status : new String[] {"APPROVED", "ASSIGNED", "IN_PROGRESS", "REVISION", "IN_PROGRESS", "COMPLETE"}) {
            assertThat(patchStatus(id, status).text("status")).isEqualTo(status);
        }
        assertThat(patchStatus(id, "REVISION").code()).as("COMPLETE is terminal").isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void aCallerOverItsBudgetIsRateLimited() {
        String token = token(newUser(), "CUSTOMER");
        int limited = 0;
        for (int i = 0; i < 25; i++) {
            Response response = get("/api/v1/orders", token);
            if (response.status() == 429) {
                limited++;
                assertThat(response.code()).isEqualTo("RATE_LIMITED");
                assertThat(response.headers().getFirst("Retry-After")).isNotBlank();
            }
        }
        assertThat(limited).isEqualTo(5);
        assertThat(get("/api/v1/orders", token(newUser(), "CUSTOMER")).status())
                .as("other callers keep their own budget").isEqualTo(200);
    }

    @Test
    void operatorLogsAreJsonWithTraceAndOrderIds(CapturedOutput output) {
        Response created = call(HttpMethod.POST, "/api/v1/orders", token(newUser(), "STAFF"),
                orderBody(newUser()));
        String id = created.text("id");
        call(HttpMethod.PATCH, "/api/v1/orders/" + id + "/status", token(newUser(), "STAFF"), Map.of("status", "APPROVED"));

        JsonNode createdLine = logLine(output, "ORDER_CREATED", id);
        assertThat(createdLine.get("traceId").asString()).isEqualTo(created.text("traceId"));
        assertThat(createdLine.get("spanId").asString()).hasSize(16);
        JsonNode changedLine = logLine(output, "ORDER_STATUS_CHANGED", id);
        assertThat(changedLine.get("to").asString()).isEqualTo("APPROVED");
    }

    private JsonNode logLine(CapturedOutput output, String event, String orderId) {
        return output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains(event) && line.contains(orderId))
                .map(json::readTree)
                .filter(node -> event.equals(node.path("event").asString()) && orderId.equals(node.path("orderId").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON log line with event " + event + " for " + orderId));
    }
}
