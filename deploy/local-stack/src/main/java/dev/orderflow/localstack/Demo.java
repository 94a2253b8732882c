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
 * The demo script, twice: first with our own rider agent-1 on duty (the gate offers it the job, it
 * accepts, rides towards the customer sending positions — the ETA falls — and confirms the
 * hand-over with the customer's OTP), then with no rider free, so the gate books Kwik (the sandbox
 * drives the courier) and staff confirm the hand-over with the customer's OTP.
 */
final class Demo {

    private static final String API = "http://localhost:" + StackConfig.ORDER_PORT + "/api/v1";
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String admin;
    private final String customer;
    private final String rider;

    private Demo(StackConfig config) {
        admin = JwtTokens.issue(config.jwtSecret(), "admin-1", List.of("ADMIN"), Duration.ofHours(1));
        customer = JwtTokens.issue(config.jwtSecret(), "customer-1", List.of("CUSTOMER"), Duration.ofHours(1));
        rider = JwtTokens.issue(config.jwtSecret(), "agent-1", List.of("AGENT"), Duration.ofHours(1));
    }

    static void run(StackConfig config) throws Exception {
        Demo demo = new Demo(config);
        System.out.println("== With our own rider agent-1 ==");
        demo.withOurRider();
        System.out.println("\n== With no rider free: Kwik ==");
        demo.walk();
    }

    /** agent-1 goes on duty at the shop, takes the job, rides to the customer and delivers with the OTP. */
    private void withOurRider() throws Exception {
        call("PUT", "/agent/availability", rider, "{\"available\": true, \"lat\": 6.4541, \"lng\": 3.3947}");
        System.out.println("0. agent-1 is on duty at the shop (PUT /agent/availability)");
        try {
            String id = placeReadyOrder();
            String job = awaitJob(id);
            System.out.println("4. the gate offered it to agent-1 (socket: order:assigned); agent-1 accepts");
            call("POST", "/agent/jobs/" + id + "/accept", rider, null);
            call("POST", "/agent/location", rider, "{\"lat\": 6.4541, \"lng\": 3.3947}");
            call("POST", "/agent/jobs/" + id + "/status", rider, "{\"status\": \"PICKED_UP\"}");
            call("POST", "/agent/jobs/" + id + "/status", rider, "{\"status\": \"IN_TRANSIT\"}");
            System.out.println("5. picked up, in transit; positions on the way (socket: driver:location:update, order:eta:update):");
            for (int step = 1; step <= 3; step++) {
                Thread.sleep(1100);
                double lat = 6.4541 + (6.4316 - 6.4541) * step / 4;
                double lng = 3.3947 + (3.4219 - 3.3947) * step / 4;
                JsonNode reported = call("POST", "/agent/location", rider,
                        "{\"lat\": %.5f, \"lng\": %.5f, \"heading\": 130}".formatted(lat, lng));
                System.out.printf("   at %.4f, %.4f → ETA %s%n", lat, lng, reported.path("jobs").path(0).path("etaAt").asString("-"));
            }
            JsonNode view = call("GET", "/orders/" + id, customer, null);
            String otp = view.path("dispatch").path("otp").asString();
            call("POST", "/dispatch/" + job + "/otp/verify", rider, "{\"code\": \"" + otp + "\"}");
            System.out.println("6. the customer read out OTP " + otp + "; agent-1 entered it");
            awaitDelivered(id);
        } finally {
            call("PUT", "/agent/availability", rider, "{\"available\": false}");
            System.out.println("   agent-1 is off duty again");
        }
    }

    private String awaitJob(String orderId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode job : call("GET", "/agent/jobs", rider, null).path("items")) {
                if (orderId.equals(job.path("id").asString())) {
                    return job.path("dispatch").path("id").asString();
                }
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("agent-1 was never offered " + orderId);
    }

    private String placeReadyOrder() throws Exception {
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
        return id;
    }

    private void awaitDelivered(String id) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < deadline) {
            if ("DELIVERED".equals(call("GET", "/orders/" + id, customer, null).get("status").asString())) {
                printHistory(id);
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("Order " + id + " not delivered within " + GIVE_UP_AFTER);
    }

    private void printHistory(String id) throws Exception {
        System.out.println("   delivered. History:");
        for (JsonNode h : call("GET", "/orders/" + id + "/history", admin, null)) {
            System.out.printf("   %s %-16s %s → %s (%s: %s)%n", h.get("at").asString(), h.get("field").asString(),
                    h.path("from").asString("-"), h.path("to").asString("-"), h.path("changedBy").asString(""),
                    h.path("note").asString(""));
        }
    }

    private void walk() throws Exception {
        String id = placeReadyOrder();
        String last = "";
        boolean otpSent = false;
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = call("GET", "/orders/" + id, customer, null);
            JsonNode dispatch = view.path("dispatch");
            String now = view.get("status").asString() + " / dispatch " + dispatch.path("status").asString("none");
            if (!now.equals(last)) {
                System.out.printf("   order %s (version %d, %s driver %s, ETA %s)%n", now, view.get("version").asLong(),
                        dispatch.path("provider").asString("-"), dispatch.path("driver").path("name").asString("-"),
                        dispatch.path("etaAt").asString("-"));
                last = now;
            }
            if ("DELIVERED".equals(view.get("status").asString())) {
                printHistory(id);
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
