package dev.orderflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.security.JwtTokens;

/**
 * The demo script: a customer orders, staff capture payment and mark it ready, the gate books
 * Kwik (the sandbox drives the courier), staff confirm the hand-over with the customer's OTP.
 */
final class Demo {

    private static final String API = "http://localhost:" + StackConfig.ORDER_PORT + "/api/v1";
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String admin;
    private final String customer;

    private Demo(StackConfig config) {
        admin = JwtTokens.issue(config.jwtSecret(), "admin-1", List.of("ADMIN"), Duration.ofHours(1));
        customer = JwtTokens.issue(config.jwtSecret(), "customer-1", List.of("CUSTOMER"), Duration.ofHours(1));
    }

    static void run(StackConfig config) throws Exception {
        new Demo(config).walk();
    }

    private void walk() throws Exception {
        JsonNode order = call("POST", "/orders", customer, """
                {"currency": "NGN",
                 "items": [{"sku": "PARA-500", "name": "Paracetamol 500mg", "quantity": 2, "unitPrice": "4.50"},
                           {"sku": "ORS-1", "name": "Oral rehydration salts", "quantity": 1, "unitPrice": "2.00"}],
                 "deliveryAddress": {"line1": "12 Admiralty Way, Lekki", "city": "Lagos", "lat": 6.4316, "lng": 3.4219,
                                     "phone": "+2348000000002"},
                 "notes": "demo order"}""");
        String id = order.get("id").asString();
        System.out.printf("1. customer-1 placed %s (%s), total %s %s%n", order.get("displayId").asString(), id,
                order.get("total").asString(), order.get("currency").asString());
        call("PATCH", "/orders/" + id + "/status", admin, "{\"status\": \"CONFIRMED\", \"note\": \"stock checked\"}");
        call("POST", "/orders/" + id + "/payment/capture", admin, null);
        System.out.println("2. staff confirmed it and captured the payment");
        JsonNode ready = call("POST", "/orders/" + id + "/ready", admin, null);
        System.out.println("3. staff marked it ready; dispatch gate: " + ready.get("dispatchGate"));

        String last = "";
        boolean otpSent = false;
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = call("GET", "/orders/" + id, customer, null);
            JsonNode dispatch = view.path("dispatch");
            String now = view.get("status").asString() + " / dispatch " + dispatch.path("status").asString("none");
            if (!now.equals(last)) {
                System.out.printf("   order %s (version %d, driver %s)%n", now, view.get("version").asLong(),
                        dispatch.path("driver").path("name").asString("-"));
                last = now;
            }
            if ("DELIVERED".equals(view.get("status").asString())) {
                System.out.println("4. delivered. History:");
                for (JsonNode h : call("GET", "/orders/" + id + "/history", admin, null)) {
                    System.out.printf("   %s %-16s %s → %s (%s)%n", h.get("at").asString(), h.get("field").asString(),
                            h.path("from").asString("-"), h.path("to").asString("-"), h.path("changedBy").asString(""));
                }
                return;
            }
            if (!otpSent && "IN_TRANSIT".equals(dispatch.path("status").asString()) && dispatch.hasNonNull("otp")) {
                call("POST", "/dispatch/" + dispatch.get("id").asString() + "/otp/verify", admin,
                        "{\"code\": \"" + dispatch.get("otp").asString() + "\"}");
                System.out.println("   the customer read out OTP " + dispatch.get("otp").asString() + "; staff verified it");
                otpSent = true;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Order " + id + " not delivered within " + GIVE_UP_AFTER + "; last: " + last);
    }

    private JsonNode call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if ("POST".equals(method) && "/orders".equals(path)) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return json.readTree(Objects.requireNonNullElse(response.body(), "null"));
    }
}
