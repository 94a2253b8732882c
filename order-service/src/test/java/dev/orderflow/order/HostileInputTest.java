package dev.orderflow.order;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** What issue #12 found on the running stack, each answered 4xx with its code and never 5xx. */
class HostileInputTest extends OrderServiceTestBase {

    @Test
    void aTokenWithoutExpiryIsNotAdmin() throws Exception {
        SignedJWT forever = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("admin-1").claim("roles", List.of("ADMIN")).issueTime(new Date()).build());
        forever.sign(new MACSigner(jwtSecret.getBytes(StandardCharsets.UTF_8)));
        Response answer = get("/api/v1/orders", forever.serialize());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void controlCharactersInTextAreRefused() {
        assertInvalid(post("/api/v1/orders", staffToken(), withItem("Para\u0000cetamol", "4.50", 1)), "items[0].name");
        Map<String, Object> order = new HashMap<>(orderBody(newUser()));
        order.put("notes", "ring twice\nthen wait"); // line breaks are fine in notes
        assertThat(post("/api/v1/orders", staffToken(), order).status()).isEqualTo(201);
        order.put("notes", "ring\u0007twice");
        assertInvalid(post("/api/v1/orders", staffToken(), order), "notes");
        order.put("notes", null);
        order.put("deliveryAddress", Map.of("line1", "12 Admiralty\u001b[31m Way", "city", "Lagos"));
        assertInvalid(post("/api/v1/orders", staffToken(), order), "deliveryAddress.line1");

        String id = createOrder(newUser());
        assertInvalid(call(HttpMethod.PATCH, "/api/v1/orders/" + id + "/status", staffToken(),
                Map.of("status", "CONFIRMED", "note", "ok\u0000")), "note");
        assertInvalid(post("/api/v1/orders/" + id + "/cancel", staffToken(), Map.of("reason", "\u0000")), "reason");
        assertInvalid(get("/api/v1/orders?status=PEN%00DING", staffToken()), "status");
    }

    @Test
    void moneyBeyondTheColumnsRangeIsRefused() {
        // each item is within its own bounds; together they pass numeric(14, 2)
        Response huge = post("/api/v1/orders", staffToken(), withItem("Gold bar", "9999999999.99", 10_000));
        assertInvalid(huge, "total");
        assertInvalid(post("/api/v1/orders", staffToken(), withItem("Gold bar", "99999999999.99", 1)), "unitPrice");
        assertInvalid(post("/api/v1/orders", staffToken(), withItem("Gold bar", "-1", 1)), "unitPrice");
        assertInvalid(post("/api/v1/orders", staffToken(), withItem("Gold bar", "1", 10_001)), "quantity");
        assertThat(post("/api/v1/orders", staffToken(), withItem("Gold bar", "1e400", 1)).status()).isEqualTo(400);
    }

    @Test
    void lengthLimitsOnReasonAndNoteApply() {
        String id = createOrder(newUser());
        assertInvalid(post("/api/v1/orders/" + id + "/cancel", staffToken(), Map.of("reason", "x".repeat(1001))), "reason");
        assertInvalid(call(HttpMethod.PATCH, "/api/v1/orders/" + id + "/status", staffToken(),
                Map.of("status", "CONFIRMED", "note", "x".repeat(1001))), "note");
        assertInvalid(call(HttpMethod.PATCH, "/api/v1/orders/" + id + "/status", staffToken(),
                Map.of("status", "C".repeat(65))), "status");
        assertThat(get("/api/v1/orders/" + id, staffToken()).text("status")).as("nothing changed").isEqualTo("PENDING");
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        String id = createOrder(newUser());
        Response big = post("/api/v1/orders/" + id + "/cancel", staffToken(),
                Map.of("reason", "x".repeat(1_500_000)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.code()).isEqualTo("PAYLOAD_TOO_LARGE");

        // no Content-Length (chunked): counted while read
        byte[] body = ("{\"reason\":\"" + "y".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/orders/" + id + "/cancel"))
                .header("Authorization", "Bearer " + staffToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("PAYLOAD_TOO_LARGE");
        assertThat(get("/api/v1/orders/" + id, staffToken()).text("status")).isEqualTo("PENDING");
    }

    @Test
    void malformedShapesAreValidationFailures() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(post("/api/v1/orders", staffToken(), deep).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(post("/api/v1/orders", staffToken(), "{\"items\":\"not a list\"}").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(post("/api/v1/orders", staffToken(), "{\"items\":[{\"quantity\":\"many\"}]}").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(call(HttpMethod.POST, "/api/v1/orders", staffToken(), orderBody(newUser()),
                "Idempotency-Key", "k".repeat(256)).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/orders?pageSize=abc", staffToken()).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/orders?updatedSince=" + "9".repeat(65), staffToken()).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void pagesCarryAStrictPolicyAndOnlyAllowedSocketOrigins() throws Exception {
        for (String path : List.of("/board/", "/track/", "/assets/orderflow.js", "/api/v1/orders")) {
            var headers = http.get().uri(path).exchange((request, response) -> response.getHeaders());
            String csp = headers.getFirst("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'",
                    "connect-src 'self' http://localhost:8084 ws://localhost:8084 https://rt.example.com wss://rt.example.com;");
            assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
            assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(http.get().uri("/pages/config.js").retrieve().body(String.class))
                .isEqualTo("export const socketOrigins = [\"https://rt.example.com\"];\n");
        // the pages write data as text: no HTML sink and no inline script or handler anywhere
        for (String page : List.of("/board/board.js", "/board/riders.js", "/track/track.js", "/rider/rider.js",
                "/assets/orderflow.js", "/assets/bell.js")) {
            assertThat(http.get().uri(page).retrieve().body(String.class)).as(page)
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        }
        for (String page : List.of("/board/", "/track/", "/rider/")) {
            assertThat(http.get().uri(page).retrieve().body(String.class)).as(page)
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=");
        }
    }

    private static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.text("detail")).contains(field);
    }

    private static Map<String, Object> withItem(String name, String unitPrice, int quantity) {
        Map<String, Object> order = new HashMap<>(orderBody(newUser()));
        order.put("items", List.of(Map.of("sku", "SKU-1", "name", name, "quantity", quantity, "unitPrice", unitPrice)));
        return order;
    }
}
