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

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.orderflow.contracts.Topics;
import dev.orderflow.embedded.TopicReader;
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

    /**
     * Issue #17: one order walked from payment to delivery on the board, the customer's tracking page (a
     * phone) and the rider page, all telling the same true story in the customer's words, the same
     * words on /orders/track; the README's screenshots (docs/screenshots) are taken on the way.
     */
    @Test
    void theThreeScreensTellTheSameTrueStoryAndTakeTheReadmeScreenshots() throws Exception {
        run(e2eScript("screens.spec.mjs"), Duration.ofMinutes(4));
    }

    @Test
    void theLiveBoardWorksInHeadlessChromium() throws Exception {
        ProcessBuilder node = e2eScript("board.spec.mjs");
        node.environment().put("ADMIN_TOKEN", token("admin-board", "ADMIN"));
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
        ProcessBuilder node = e2eScript("riders.spec.mjs");
        run(node, Duration.ofMinutes(4));
    }

    /** The rider page, the tracking page's position and ETA countdown, the board's riders, polling fallbacks. */
    @Test
    void theRiderPagesWorkInHeadlessChromium() throws Exception {
        ProcessBuilder node = e2eScript("rider-pages.spec.mjs");
        run(node, Duration.ofMinutes(5));
    }

    /**
     * A customer offline during three changes finds them by polling and by reconnecting with its
     * cursor (socket.io-client), read state sticks, and the bell on the board and the tracking page
     * works in headless Chromium (deploy/e2e/notifications.spec.mjs).
     */
    @Test
    void notificationsReachAnOfflineClientAndTheBellWorksInHeadlessChromium() throws Exception {
        ProcessBuilder node = e2eScript("notifications.spec.mjs");
        node.environment().put("ADMIN_TOKEN", token("admin-notifications", "ADMIN"));
        run(node, Duration.ofMinutes(4));
    }

    /**
     * An order walked to DELIVERED with every order event delivered twice: the customer and staff
     * get each configured notification once, and the delivered e-mail arrives once at the stack's
     * in-process SMTP server, with the order summary.
     */
    @Test
    void anOrdersNotificationsAreStoredOnceAndTheDeliveredMailArrivesOnce() throws Exception {
        String admin = token("admin-mail", "ADMIN");
        String customer = "customer-mail-" + UUID.randomUUID();
        String email = customer + "@example.com";
        String id = call("POST", "/api/v1/orders", admin, """
                {"customerId": "%s", "currency": "NGN",
                 "items": [{"sku": "M", "name": "Mailed item", "quantity": 2, "unitPrice": "5.00"}],
                 "deliveryAddress": {"line1": "1 Marina", "city": "Lagos", "email": "%s"}}""".formatted(customer, email))
                .body().get("id").asString();
        for (String status : List.of("CONFIRMED", "PREPARING", "READY", "OUT_FOR_DELIVERY")) {
            call("PATCH", "/api/v1/orders/" + id + "/status", admin, "{\"status\": \"" + status + "\"}");
        }
        redeliverOrderEvents(id, 5);
        // the last change lands behind the duplicates in the order's partition
        call("PATCH", "/api/v1/orders/" + id + "/status", admin, "{\"status\": \"DELIVERED\"}");

        String customerToken = JwtTokens.issue(config.jwtSecret(), customer, List.of("CUSTOMER"), Duration.ofHours(1));
        List<JsonNode> mine = awaitNotifications(customerToken, id, 6);
        assertThat(mine.getFirst().get("title").asString()).as("newest first").endsWith("delivered");
        assertThat(awaitNotifications(admin, id, 2).stream().map(n -> n.get("type").asString()).toList())
                .containsExactlyInAnyOrder("order.created", "order.status_changed");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mailsTo(email).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(2000); // order-service's retry sweeps run meanwhile: nothing is sent again
        List<jakarta.mail.internet.MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).endsWith("delivered");
        assertThat(mails.getFirst().getContent().toString())
                .contains("2 × Mailed item").contains("Total");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + StackConfig.MAIL_PAGE_PORT + "/mail")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).as("the banner's mail page").contains("To: " + email);
    }

    private void redeliverOrderEvents(String orderId, int count) throws Exception {
        try (TopicReader reader = new TopicReader(stack.kafka().bootstrapServers(), Topics.ORDERS_EVENTS);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(java.util.Map.of(
                     "bootstrap.servers", stack.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            reader.readUntil(all -> ownEvents(reader.records(Topics.ORDERS_EVENTS, orderId)).size() >= count, Duration.ofSeconds(30));
            for (var record : ownEvents(reader.records(Topics.ORDERS_EVENTS, orderId))) {
                producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();
            }
        }
    }

    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> ownEvents(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> String.valueOf(TopicReader.header(r, "ce_type")).startsWith("order.")).toList();
    }

    /** The caller's notifications about the order once there are {@code count} (and not more). */
    private List<JsonNode> awaitNotifications(String token, String orderId, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> about = List.of();
        while (System.nanoTime() < deadline) {
            about = call("GET", "/api/v1/notifications?pageSize=100", token, null).body().get("items").valueStream()
                    .filter(n -> orderId.equals(n.get("orderId").asString())).toList();
            if (about.size() >= count) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(about).hasSize(count);
        return about;
    }

    private List<jakarta.mail.internet.MimeMessage> mailsTo(String email) {
        return stack.mail().received().stream().filter(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(email));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static boolean npmInstalled;

    /** A node script of deploy/e2e (its packages installed once per run). */
    private static ProcessBuilder e2eScript(String script) throws Exception {
        assertThat(CHROMIUM).as("the browser tests need Debian's Chromium: apt-get install chromium "
                + "(.ci/run installs it)").exists();
        Path e2e = ROOT.resolve("deploy/e2e");
        if (!npmInstalled) {
            run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(e2e.toFile()), Duration.ofMinutes(3));
            npmInstalled = true;
        }
        ProcessBuilder node = new ProcessBuilder("node", script).directory(e2e.toFile());
        // the stack's addresses and secrets, as deploy/e2e/support.mjs reads them
        node.environment().put("API", "http://localhost:" + StackConfig.ORDER_PORT);
        node.environment().put("SOCKET", "http://localhost:" + StackConfig.SOCKET_PORT);
        node.environment().put("TRACK_WS", "ws://localhost:" + StackConfig.REALTIME_PORT + "/orders/track");
        node.environment().put("COURIER", "http://localhost:" + StackConfig.COURIER_PORT);
        node.environment().put("JWT_SECRET", config.jwtSecret());
        node.environment().put("WEBHOOK_SECRET", config.webhookSecret());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        return node;
    }

    private JsonNode awaitBooking(String orderId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> tasks = http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + StackConfig.KWIK_PORT + "/sandbox/tasks")).header("X-Sandbox-Key", "sandbox-password").build(), HttpResponse.BodyHandlers.ofString());
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
