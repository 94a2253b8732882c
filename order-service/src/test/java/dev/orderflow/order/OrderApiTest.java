package dev.orderflow.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import dev.orderflow.platform.security.JwtTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST contract of docs/contract.md §2 for orders, including each error code order-service answers itself. */
class OrderApiTest extends OrderServiceTestBase {

    @LocalManagementPort
    int managementPort;

    @Test
    void createsAnOrderWithDecimalMoneyAndTheContractShape() {
        String customer = newUser();
        Response created = post("/api/v1/orders", token(customer, "CUSTOMER"), orderBody(customer));

        assertThat(created.status()).isEqualTo(201);
        JsonNode order = created.body();
        String id = order.get("id").asString();
        assertThat(created.headers().getLocation()).hasToString("/api/v1/orders/" + id);
        assertThat(order.get("displayId").asString()).matches("ORD-\\d{4}-\\d{6}");
        assertThat(order.get("customerId").asString()).isEqualTo(customer);
        // 2 × 4.50 = 9.00; 7.5% tax = 0.675 → 0.68 (half-up); money is a decimal string
        assertThat(order.get("subtotal").isString()).isTrue();
        assertThat(order.get("subtotal").asString()).isEqualTo("9.00");
        assertThat(order.get("tax").asString()).isEqualTo("0.68");
        assertThat(order.get("total").asString()).isEqualTo("9.68");
        assertThat(order.get("items").get(0).get("unitPrice").asString()).isEqualTo("4.50");
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        assertThat(order.get("paymentStatus").asString()).isEqualTo("PENDING");
        assertThat(order.get("readyForDispatch").asBoolean()).isFalse();
        assertThat(order.get("dispatchGate").get("open").asBoolean()).isFalse();
        assertThat(order.get("version").asLong()).isEqualTo(1);
        assertThat(order.get("traceId").asString()).isEqualTo(created.headers().getFirst("X-Trace-Id"));
        assertThat(created.headers().getFirst("traceparent")).contains(order.get("traceId").asString());

        Response fetched = get("/api/v1/orders/" + id, token(customer, "CUSTOMER"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().get("total").asString()).isEqualTo("9.68");
    }

    @Test
    void paymentReadinessAndStatusChangesAreIdempotentAndAudited() {
        String id = createOrder(newUser());

        Response paid = post("/api/v1/orders/" + id + "/payment/capture", staffToken(), null);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("paymentStatus")).isEqualTo("PAID");
        assertThat(paid.text("status")).as("the default workflow's payment-move").isEqualTo("CONFIRMED");
        assertThat(paid.text("statusChangedAt")).isEqualTo(paid.text("updatedAt"));
        assertThat(post("/api/v1/orders/" + id + "/payment/capture", staffToken(), null).body().get("version").asLong())
                .as("a second capture changes nothing").isEqualTo(2);

        assertThat(call(HttpMethod.PATCH, "/api/v1/orders/" + id + "/status", staffToken(),
                Map.of("status", "preparing", "note", "kitchen has it")).text("status")).isEqualTo("PREPARING");

        Response ready = post("/api/v1/orders/" + id + "/ready", staffToken(), null);
        assertThat(ready.body().get("dispatchGate").toString()).isEqualTo("{\"paid\":true,\"ready\":true,\"open\":true}");
        assertThat(ready.text("status")).as("the default workflow's ready-move").isEqualTo("READY");
        assertThat(post("/api/v1/orders/" + id + "/ready", staffToken(), null).body().get("version").asLong()).isEqualTo(4);
        assertThat(patchStatus(id, "CONFIRMED").code()).as("facts move forward; staff cannot move back")
                .isEqualTo("INVALID_TRANSITION");

        Response history = get("/api/v1/orders/" + id + "/history", staffToken());
        assertThat(history.status()).isEqualTo(200);
        List<String> rows = history.body().valueStream()
                .map(h -> h.get("field").asString() + ":" + text(h, "from") + "->" + text(h, "to")).toList();
        assertThat(rows).containsExactly("status:null->PENDING", "paymentStatus:PENDING->PAID", "status:PENDING->CONFIRMED",
                "status:CONFIRMED->PREPARING", "readyForDispatch:false->true", "status:PREPARING->READY");
        assertThat(history.body().valueStream().map(h -> text(h, "message")).toList())
                .as("the customer's words, once per change").containsExactly("Order placed", "Payment received", "null",
                        "We are preparing your order", "Your order is ready", "null");
        JsonNode preparing = history.body().get(3);
        assertThat(preparing.get("changedBy").asString()).isEqualTo(STAFF);
        assertThat(preparing.get("note").asString()).isEqualTo("kitchen has it");
        assertThat(preparing.get("traceId").asString()).hasSize(32);
        assertThat(Instant.parse(preparing.get("at").asString())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void cancellingIsTerminalAndCarriesTheReason() {
        String id = createOrder(newUser());
        Response cancelled = post("/api/v1/orders/" + id + "/cancel", staffToken(), Map.of("reason", "out of stock"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.text("reason")).isEqualTo("out of stock");
        assertThat(cancelled.text("cancelledAt")).isNotNull();

        assertThat(post("/api/v1/orders/" + id + "/cancel", staffToken(), null).code()).isEqualTo("INVALID_TRANSITION");
        assertThat(post("/api/v1/orders/" + id + "/payment/capture", staffToken(), null).code()).isEqualTo("INVALID_TRANSITION");
        assertThat(post("/api/v1/orders/" + id + "/ready", staffToken(), null).code()).isEqualTo("INVALID_TRANSITION");
        assertThat(patchStatus(id, "CONFIRMED").code()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void listsNewestFirstWithPagingAndFilters() {
        String customer = newUser();
        String token = token(customer, "CUSTOMER");
        String first = createOrder(customer);
        String second = createOrder(customer);
        String third = createOrder(customer);
        patchStatus(third, "CONFIRMED");

        Response page1 = get("/api/v1/orders?page=1&pageSize=2", token);
        assertThat(page1.status()).isEqualTo(200);
        assertThat(ids(page1)).containsExactly(third, second);
        assertThat(page1.body().get("total").asLong()).isEqualTo(3);
        assertThat(ids(get("/api/v1/orders?page=2&pageSize=2", token))).containsExactly(first);
        assertThat(ids(get("/api/v1/orders?status=CONFIRMED", token))).containsExactly(third);
        assertThat(ids(get("/api/v1/orders?status=BOOKED", token))).as("a dispatch status filters too").isEmpty();

        Instant before = Instant.now().minusMillis(1);
        patchStatus(first, "CONFIRMED");
        assertThat(ids(get("/api/v1/orders?updatedSince=" + before, token))).containsExactly(first);
    }

    @Test
    void everyValidationErrorIsAProblemWithItsCode() {
        String staff = staffToken();
        Map<String, Object> noItems = Map.of("items", List.of(), "currency", "NGN",
                "deliveryAddress", Map.of("line1", "x", "city", "Lagos"));
        Response invalid = post("/api/v1/orders", staff, noItems);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.headers().getContentType()).hasToString("application/problem+json");
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.text("detail")).contains("items");
        assertThat(invalid.text("traceId")).hasSize(32);
        assertThat(invalid.text("type")).isNotBlank();
        assertThat(invalid.text("title")).isNotBlank();

        assertThat(post("/api/v1/orders", staff, Map.of("items", List.of(Map.of("sku", "a", "name", "b", "quantity", 1,
                "unitPrice", "-1")), "currency", "NGN", "deliveryAddress", Map.of("line1", "x", "city", "y"))).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(post("/api/v1/orders", staff, Map.of("items", List.of(Map.of("sku", "a", "name", "b", "quantity", 1,
                "unitPrice", "1.999")), "currency", "naira", "deliveryAddress", Map.of("line1", "x", "city", "y")))
                .text("detail")).contains("currency").contains("unitPrice");
        assertThat(post("/api/v1/orders", staff, "{not json").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/orders?pageSize=500", staff).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/orders?page=0", staff).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/orders?page=abc", staff).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/orders?updatedSince=yesterday", staff).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/orders?status=NOPE", staff).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void idsStatusesAndTransitionsAreChecked() {
        String id = createOrder(newUser());
        String missing = "00000000-0000-0000-0000-000000000000";
        assertThat(get("/api/v1/orders/not-a-uuid", staffToken()).code()).isEqualTo("INVALID_ID");
        assertThat(get("/api/v1/orders/" + missing, staffToken()).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(get("/api/v1/orders/" + missing, staffToken()).status()).isEqualTo(404);
        assertThat(get("/api/v1/orders/" + missing + "/history", staffToken()).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(patchStatus(missing, "CONFIRMED").code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(post("/api/v1/orders/" + missing + "/payment/capture", staffToken(), null).code()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(post("/api/v1/orders/" + missing + "/ready", staffToken(), null).code()).isEqualTo("ORDER_NOT_FOUND");

        assertThat(call(HttpMethod.PATCH, "/api/v1/orders/" + id + "/status", staffToken(), Map.of("note", "x")).code())
                .isEqualTo("MISSING_STATUS");
        assertThat(patchStatus(id, "TELEPORTED").code()).isEqualTo("INVALID_STATUS");
        Response skip = patchStatus(id, "DELIVERED");
        assertThat(skip.code()).isEqualTo("INVALID_TRANSITION");
        assertThat(skip.status()).isEqualTo(409);
    }

    @Test
    void authenticationAndRolesAreEnforced() {
        String customer = newUser();
        String id = createOrder(customer);

        Response anonymous = get("/api/v1/orders", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("UNAUTHORIZED");
        assertThat(get("/api/v1/orders", "not.a.jwt").code()).isEqualTo("UNAUTHORIZED");
        String expired = JwtTokens.issue(jwtSecret, STAFF, List.of("STAFF"), Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(get("/api/v1/orders", expired).code()).isEqualTo("UNAUTHORIZED");
        String forged = JwtTokens.issue("another-secret-another-secret-another-secret", STAFF, List.of("STAFF"),
                Duration.ofMinutes(5));
        assertThat(get("/api/v1/orders", forged).code()).isEqualTo("UNAUTHORIZED");

        String customerToken = token(customer, "CUSTOMER");
        Response forbidden = call(HttpMethod.PATCH, "/api/v1/orders/" + id + "/status", customerToken,
                Map.of("status", "CONFIRMED"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/orders/" + id + "/payment/capture", customerToken, null).code()).isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/orders/" + id + "/ready", customerToken, null).code()).isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/orders/" + id + "/cancel", customerToken, null).code()).isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/orders", token(newUser(), "AGENT"), orderBody(customer)).code()).isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/orders", token(newUser(), "CUSTOMER"), orderBody(customer)).code())
                .as("a customer cannot order for somebody else").isEqualTo("FORBIDDEN");
    }

    @Test
    void theBoardAndTrackingPagesAreServedWithoutAToken() {
        String board = http.get().uri("/board/").retrieve().body(String.class);
        assertThat(board).contains("Live order board").contains("/board/board.js");
        assertThat(http.get().uri("/track/").retrieve().body(String.class)).contains("/track/track.js");
        assertThat(http.get().uri("/assets/orderflow.js").retrieve().body(String.class)).contains("liveOrders");
        assertThat(http.get().uri("/vendor/socket.io.esm.min.js").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void healthMetricsAndApiDocsAreOnTheManagementPortOnly() {
        RestClient management = RestClient.create("http://localhost:" + managementPort);
        assertThat(management.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("UP");
        assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class)).contains("http_server_requests");
        assertThat(management.get().uri("/actuator/openapi").retrieve().body(String.class))
                .contains("/api/v1/orders/{orderId}/status");
        int swagger = management.get().uri("/actuator/swagger-ui").exchange((req, res) -> res.getStatusCode().value());
        assertThat(swagger).isLessThan(400);
        assertThat(managementPort).isNotEqualTo(port);
        for (String operations : List.of("/actuator/health", "/actuator/prometheus", "/v3/api-docs", "/swagger-ui.html")) {
            assertThat(get(operations, staffToken()).status()).as("public port: " + operations).isEqualTo(404);
        }
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertThat(get("/api/v1/nothing-here", staffToken()).status()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/api/v1/orders", staffToken(), null).status()).isEqualTo(405);
    }

    @Test
    void dispatchCommandsAreCheckedHereAndForwardedToDispatchService() {
        String customer = newUser();
        String id = createOrder(customer);
        String dispatchId = "11111111-2222-3333-4444-555555555555";
        assertThat(post("/api/v1/orders/" + id + "/dispatch/cancel", token(customer, "CUSTOMER"), null).code())
                .isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/orders/" + id + "/dispatch/redispatch", token(customer, "CUSTOMER"), null).code())
                .isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/dispatch/" + dispatchId + "/otp/verify", token(newUser(), "AGENT"),
                Map.of("code", "123456")).code()).as("not this agent's delivery").isEqualTo("FORBIDDEN");
        assertThat(post("/api/v1/orders/00000000-0000-0000-0000-000000000000/dispatch/cancel", staffToken(), null).code())
                .isEqualTo("ORDER_NOT_FOUND");
        assertThat(post("/api/v1/dispatch/nope/otp/verify", staffToken(), Map.of("code", "123456")).code())
                .isEqualTo("INVALID_ID");
        assertThat(post("/api/v1/dispatch/" + dispatchId + "/otp/verify", staffToken(), Map.of("code", "12")).code())
                .isEqualTo("VALIDATION_FAILED");

        // dispatch-service is not running in this test: the caller learns it is unavailable, nothing else
        Response unavailable = post("/api/v1/orders/" + id + "/dispatch/cancel", staffToken(), Map.of("reason", "x"));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(post("/api/v1/dispatch/" + dispatchId + "/otp/verify", staffToken(), Map.of("code", "123456")).code())
                .isEqualTo("SERVICE_UNAVAILABLE");
    }

    private static List<String> ids(Response page) {
        return page.body().get("items").valueStream().map(o -> o.get("id").asString()).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "null" : value.asString();
    }
}
