package dev.orderflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.security.JwtTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system as bin/run starts it (each service its own JVM from its runnable jar; real
 * PostgreSQL, Kafka, Debezium, the Kwik sandbox): one trace from the mark-ready call to Kwik, the
 * full lifecycle across all four services, and the live board in headless Chromium. Uses the
 * stack's fixed ports: do not run it beside a running bin/run.
 */
class LocalStackEndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static StackConfig config;
    private static LocalStack.Running stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startStack() throws Exception {
        Path data = Files.createTempDirectory(ROOT.resolve("deploy/local-stack/target"), "e2e-stack-");
        config = new StackConfig(ROOT, data, "e2e-secret-e2e-secret-e2e-secret-0123456789", "e2e-webhook-secret");
        stack = LocalStack.start(config);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void oneTraceRunsFromTheMarkReadyCallToKwikAndDispatchCommandsAreForwarded() throws Exception {
        String admin = token("admin-e2e", "ADMIN");
        String id = call("POST", "/api/v1/orders", admin, """
                {"customerId": "customer-e2e", "currency": "NGN",
                 "items": [{"sku": "A", "name": "Item", "quantity": 1, "unitPrice": "5.00"}],
                 "deliveryAddress": {"line1": "1 Marina", "city": "Lagos", "lat": 6.45, "lng": 3.39}}""")
                .body().get("id").asString();
        call("POST", "/api/v1/orders/" + id + "/payment/capture", admin, null);
        Reply ready = call("POST", "/api/v1/orders/" + id + "/ready", admin, null);
        String trace = ready.traceId();
        assertThat(trace).hasSize(32);

        JsonNode booking = awaitBooking(id);
        assertThat(booking.path("traceparent").asString()).as("the Kwik request carries the caller's trace")
                .startsWith("00-" + trace + "-");

        // the dispatch commands go through order-service to dispatch-service; its codes come back unchanged
        assertThat(fail("POST", "/api/v1/orders/" + id + "/dispatch/redispatch", admin, null))
                .isEqualTo("DISPATCH_NOT_REDISPATCHABLE");
        String dispatchId = awaitDispatchId(id, admin);
        assertThat(fail("POST", "/api/v1/dispatch/" + dispatchId + "/otp/verify", admin, "{\"code\": \"123456\"}"))
                .isEqualTo("DISPATCH_NOT_IN_TRANSIT");
        assertThat(call("POST", "/api/v1/orders/" + id + "/dispatch/cancel", admin, "{\"reason\": \"e2e\"}")
                .body().get("status").asString()).isEqualTo("CANCELED");
        assertThat(fail("POST", "/api/v1/orders/" + id + "/dispatch/cancel", admin, null)).isEqualTo("DISPATCH_NOT_CANCELLABLE");
        assertThat(call("POST", "/api/v1/orders/" + id + "/dispatch/redispatch", admin, null)
                .body().get("attempt").asInt()).isEqualTo(2);
    }

    private String awaitDispatchId(String orderId, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode dispatch = call("GET", "/api/v1/orders/" + orderId, token, null).body().path("dispatch");
            if (dispatch.hasNonNull("id")) {
                return dispatch.get("id").asString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Order " + orderId + " never showed its dispatch");
    }

    /** The problem code of a call that must fail. */
    private String fail(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isGreaterThanOrEqualTo(400);
        return json.readTree(response.body()).path("code").asString();
    }

    @Test
    void anOrderWalksToDeliveredAcrossAllServices() throws Exception {
        // customer orders, staff capture and mark ready, Kwik (sandbox timeline) → webhooks → courier-adapter
        // → dispatch-service → order-service; the customer's OTP confirms delivery
        Demo.run(config);
    }

    @Test
    void theLiveBoardWorksInHeadlessChromium() throws Exception {
        assertThat(CHROMIUM).as("the browser tests need Debian's Chromium: apt-get install chromium "
                + "(.ci/run installs it)").exists();
        Path e2e = ROOT.resolve("deploy/e2e");
        run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(e2e.toFile()), Duration.ofMinutes(3));
        ProcessBuilder node = new ProcessBuilder("node", "board.spec.mjs").directory(e2e.toFile());
        node.environment().put("API", "http://localhost:" + StackConfig.ORDER_PORT);
        node.environment().put("ADMIN_TOKEN", token("admin-board", "ADMIN"));
        node.environment().put("JWT_SECRET", config.jwtSecret());
        node.environment().put("COURIER", "http://localhost:" + StackConfig.COURIER_PORT);
        node.environment().put("WEBHOOK_SECRET", config.webhookSecret());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        run(node, Duration.ofMinutes(4));
    }

    /**
     * Issue #13 end to end with the official socket.io-client: an in-house rider is offered the job
     * on its socket, accepts, moves, the customer's socket gets its position and a falling ETA, the
     * OTP delivers it; a reassignment cuts the first rider off; Kwik's position and ETA come from the
     * sandbox's fleet location reports.
     */
    @Test
    void theRiderFlowRunsOverRealSockets() throws Exception {
        Path e2e = ROOT.resolve("deploy/e2e");
        run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(e2e.toFile()), Duration.ofMinutes(3));
        ProcessBuilder node = new ProcessBuilder("node", "riders.spec.mjs").directory(e2e.toFile());
        node.environment().put("API", "http://localhost:" + StackConfig.ORDER_PORT);
        node.environment().put("SOCKET", "http://localhost:" + StackConfig.SOCKET_PORT);
        node.environment().put("JWT_SECRET", config.jwtSecret());
        run(node, Duration.ofMinutes(4));
    }

    /** The rider page, the tracking page's position and ETA countdown, the board's riders, polling fallbacks. */
    @Test
    void theRiderPagesWorkInHeadlessChromium() throws Exception {
        assertThat(CHROMIUM).as("the browser tests need Debian's Chromium").exists();
        Path e2e = ROOT.resolve("deploy/e2e");
        run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(e2e.toFile()), Duration.ofMinutes(3));
        ProcessBuilder node = new ProcessBuilder("node", "rider-pages.spec.mjs").directory(e2e.toFile());
        node.environment().put("API", "http://localhost:" + StackConfig.ORDER_PORT);
        node.environment().put("JWT_SECRET", config.jwtSecret());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        run(node, Duration.ofMinutes(5));
    }

    private JsonNode awaitBooking(String orderId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> tasks = http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + StackConfig.KWIK_PORT + "/sandbox/tasks")).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode booking : json.readTree(tasks.body())) {
                if (orderId.equals(booking.path("orderId").asString(null))) {
                    return booking;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No Kwik booking for " + orderId);
    }

    private String token(String subject, String role) {
        return JwtTokens.issue(config.jwtSecret(), subject, List.of(role), Duration.ofHours(1));
    }

    private static HttpRequest request(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + StackConfig.ORDER_PORT + path))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request.build();
    }

    private Reply call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return new Reply(json.readTree(response.body()), response.headers().firstValue("X-Trace-Id").orElse(null));
    }

    private record Reply(JsonNode body, String traceId) {
    }

    /**
     * Runs a child process to completion. Its output goes to a file and is then printed: a child
     * writing straight to this JVM's stdout would corrupt Surefire's channel to the forked JVM.
     */
    private static void run(ProcessBuilder command, Duration timeout) throws Exception {
        Path output = Files.createTempFile(ROOT.resolve("deploy/local-stack/target"), "e2e-", ".log");
        Process process = command.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        System.out.println(Files.readString(output));
        String name = String.join(" ", command.command());
        assertThat(finished).as(name + " finished").isTrue();
        assertThat(process.exitValue()).as(name + " (its output is printed above)").isZero();
    }
}
