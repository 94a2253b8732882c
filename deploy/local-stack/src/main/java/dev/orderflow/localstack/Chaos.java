package dev.orderflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.security.JwtTokens;

/**
 * The chaos run (bin/chaos, docs/reliability.md): the whole local stack under a steady load of
 * orders (create, capture, ready → Kwik bookings whose sandbox timeline sends courier callbacks)
 * with Socket.IO clients connected, while each service is killed with SIGKILL and restarted in
 * turn, then the Kafka broker and PostgreSQL are restarted. Afterwards it checks that nothing
 * acknowledged was lost and nothing was booked twice, prints the report and writes it to
 * {@code <data>/chaos-report.md}. Exit status 0 only if every check passed.
 */
final class Chaos {

    private static final String API = "http://localhost:" + StackConfig.ORDER_PORT + "/api/v1";
    private static final String SANDBOX = "http://localhost:" + StackConfig.KWIK_PORT + "/sandbox";
    /** Longest wait, after the load stopped, for the checks to pass (callbacks, poller, catch-ups). */
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final int LOST_REPLIES = 5;

    private final StackConfig config;
    private final Duration gap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String admin;
    /** Acknowledged REST changes: orderId → versions the API answered with. */
    private final Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final List<String> schedule = new ArrayList<>();
    private final Instant started = Instant.now();

    private Chaos(StackConfig config, Duration gap) {
        this.config = config;
        this.gap = gap;
        this.admin = JwtTokens.issue(config.jwtSecret(), "chaos-admin", List.of("ADMIN"), Duration.ofHours(6));
    }

    /** {@code gap}: quiet time between two faults (default 20 s; bin/test's short run uses less). */
    static ChaosChecks.Result run(StackConfig base, Duration gap) throws Exception {
        Path data = base.dataDir().resolve("chaos-" + System.currentTimeMillis());
        StackConfig config = new StackConfig(base.rootDir(), data, base.jwtSecret(), base.webhookSecret());
        try (LocalStack.Running stack = LocalStack.start(config)) {
            return new Chaos(config, gap == null ? Duration.ofSeconds(20) : gap).drive(stack);
        }
    }

    private ChaosChecks.Result drive(LocalStack.Running stack) throws Exception {
        sandbox("PUT", "/settings", "{\"autoAdvance\": true, \"stepDelayMillis\": 2000}");
        Path sockets = config.dataDir().resolve("sockets.json");
        Process watcher = watchSockets(sockets);
        try {
            awaitFile(sockets.resolveSibling("sockets.json.ready"), Duration.ofSeconds(120)); // every order's first version seen live
            Thread load = Thread.ofPlatform().daemon().name("chaos-load").start(this::load);
            return faultsThenChecks(stack, load, sockets);
        } finally {
            loading.set(false); // a fault that could not be undone ends the run: nothing may keep the JVM alive
            watcher.destroy();
        }
    }

    private ChaosChecks.Result faultsThenChecks(LocalStack.Running stack, Thread load, Path sockets) throws Exception {
        Thread.sleep(gap.toMillis());
        List<ServiceProcess> killable = stack.services().stream()
                .filter(s -> !s.name().equals("kwik-sandbox")) // the outside world: its memory is the record of what Kwik booked
                .toList();
        int planned = killable.size() + 3;
        for (ServiceProcess service : killable) {
            fault("kill -9 " + service.name() + ", restart", () -> {
                service.kill();
                service.restart();
                LocalStack.awaitHealthy(List.of(service), config, config.dataDir().resolve("logs"));
            });
        }
        fault("Kwik loses the next " + LOST_REPLIES + " booking replies (books, answers HTTP 504)", this::loseKwikReplies);
        fault("restart Kafka (down 5 s)", () -> stack.restartKafka(Duration.ofSeconds(5)));
        fault("crash PostgreSQL (immediate shutdown), restart after 5 s", () -> stack.restartPostgres(Duration.ofSeconds(5)));
        loading.set(false);
        load.join();
        return settleThenCheck(stack, sockets, planned);
    }

    /**
     * The checks are about the state the pipelines settle into: evaluate them every few seconds after
     * the load stopped, until all pass or {@link #SETTLE} is over; the last evaluation is the report.
     */
    private ChaosChecks.Result settleThenCheck(LocalStack.Running stack, Path sockets, int planned) throws Exception {
        long stopped = System.nanoTime();
        log("load stopped; checking while the pipelines settle (at most " + SETTLE.toSeconds() + " s)");
        ChaosChecks checks = new ChaosChecks(stack);
        ChaosChecks.Result result;
        do {
            Thread.sleep(5_000);
            result = checks.evaluate(acknowledged, refused.get(), schedule.size(), planned, sockets);
        } while (!result.passed() && System.nanoTime() - stopped < SETTLE.toNanos());
        // the last evaluation is the report (one more after stopping the watcher compared the clients' final
        // write with topics read later still, where couriers that kept riding counted as clients behind)
        report(result, Duration.ofNanos(System.nanoTime() - stopped));
        return result;
    }

    private void report(ChaosChecks.Result result, Duration settled) throws IOException {
        StringBuilder report = new StringBuilder("## Chaos run " + started + " (" + (result.passed() ? "PASSED" : "FAILED") + ")\n\n")
                .append("Gap between faults ").append(gap.toSeconds()).append(" s; load average at the end ")
                .append(loadAverage()).append("; checked ").append(settled.toSeconds()).append(" s after the load stopped.\n\n")
                .append("| at | fault | recovery |\n| --- | --- | --- |\n");
        schedule.forEach(s -> report.append(s).append('\n'));
        report.append("\n| check | result | numbers |\n| --- | --- | --- |\n");
        result.rows().forEach(l -> report.append(l).append('\n'));
        System.out.println(report);
        Files.writeString(config.dataDir().resolve("chaos-report.md"), report.toString());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The sandbox fault behind a timeout after Kwik booked: the retry must adopt the task, not book again. */
    private void loseKwikReplies() throws IOException, InterruptedException {
        sandbox("PUT", "/faults", "{\"loseBookingReplies\": " + LOST_REPLIES + "}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (json.readTree(sandbox("GET", "/faults", null)).path("loseBookingReplies").asInt() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sandbox's lost-reply fault did not fire within 60 s (no bookings?)");
            }
            Thread.sleep(250);
        }
    }

    private String sandbox(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, SANDBOX + path, null, body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the sandbox answered " + method + " " + path + " with " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private static void awaitFile(Path file, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("socket clients not connected after " + limit.toSeconds() + " s (logs/sockets.log)");
            }
            Thread.sleep(250);
        }
    }

    private interface Fault {
        void run() throws Exception;
    }

    private void fault(String what, Fault fault) throws Exception {
        long t0 = System.nanoTime();
        log("FAULT " + what);
        fault.run();
        schedule.add("| +%ds | %s | back after %.1f s |".formatted(Duration.between(started, Instant.now()).toSeconds(),
                what, (System.nanoTime() - t0) / 1e9));
        Thread.sleep(gap.toMillis());
    }

    /** Two orders a second: create, capture, ready (→ the gate books Kwik). Refused calls (a service down) are not acknowledged. */
    private void load() {
        while (loading.get()) {
            try {
                JsonNode order = call("POST", "/orders", """
                        {"customerId": "chaos-customer", "currency": "NGN",
                         "items": [{"sku": "A", "name": "Item", "quantity": 1, "unitPrice": "5.00"}],
                         "deliveryAddress": {"line1": "1 Marina", "city": "Lagos", "lat": 6.45, "lng": 3.39}}""");
                if (order != null) {
                    String id = order.get("id").asString();
                    call("POST", "/orders/" + id + "/payment/capture", null);
                    call("POST", "/orders/" + id + "/ready", null);
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private JsonNode call(String method, String path, String body) throws InterruptedException {
        try {
            HttpResponse<String> response = send(method, API + path, admin, body);
            if (response.statusCode() >= 300) {
                refused.incrementAndGet();
                return null;
            }
            JsonNode node = json.readTree(response.body());
            if (node.hasNonNull("id") && node.hasNonNull("version")) {
                acknowledged.computeIfAbsent(node.get("id").asString(), k -> ConcurrentHashMap.newKeySet())
                        .add(node.get("version").asLong());
            }
            return node;
        } catch (IOException e) {
            refused.incrementAndGet();
            return null;
        }
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (url.startsWith(SANDBOX)) {
            request.header("X-Sandbox-Key", StackConfig.SANDBOX_KEY);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if ("POST".equals(method) && url.endsWith("/orders")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process watchSockets(Path out) throws IOException, InterruptedException {
        Path dir = config.rootDir().resolve("deploy/chaos");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            if (new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile()).inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException("npm ci failed in " + dir + " (the socket clients need socket.io-client)");
            }
        }
        return new ProcessBuilder("node", "watch.mjs", "http://localhost:" + StackConfig.SOCKET_PORT, admin, "4", out.toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(config.dataDir().resolve("logs/sockets.log").toFile()).start();
    }

    private static void log(String line) {
        System.out.println("[chaos " + Instant.now() + "] " + line);
    }
}
