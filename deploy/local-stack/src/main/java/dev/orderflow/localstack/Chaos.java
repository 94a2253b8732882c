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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.Topics;
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
    private static final List<Integer> LIVE_KWIK = List.of(6, 0, 7, 1, 4);

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
    static boolean run(StackConfig base, Duration gap) throws Exception {
        Path data = base.dataDir().resolve("chaos-" + System.currentTimeMillis());
        StackConfig config = new StackConfig(base.rootDir(), data, base.jwtSecret(), base.webhookSecret());
        try (LocalStack.Running stack = LocalStack.start(config)) {
            return new Chaos(config, gap == null ? Duration.ofSeconds(20) : gap).drive(stack);
        }
    }

    private boolean drive(LocalStack.Running stack) throws Exception {
        send("PUT", SANDBOX + "/settings", null, "{\"autoAdvance\": true, \"stepDelayMillis\": 3000}");
        Path sockets = config.dataDir().resolve("sockets.json");
        Process watcher = watchSockets(sockets);
        Thread load = Thread.ofPlatform().daemon().name("chaos-load").start(this::load);
        try {
            return faultsThenChecks(stack, watcher, load, sockets);
        } finally {
            loading.set(false); // a fault that could not be undone ends the run: nothing may keep the JVM alive
            watcher.destroy();
        }
    }

    private boolean faultsThenChecks(LocalStack.Running stack, Process watcher, Thread load, Path sockets) throws Exception {
        Thread.sleep(gap.toMillis());
        for (ServiceProcess service : stack.services()) {
            if (service.name().equals("kwik-sandbox")) {
                continue; // the outside world: its memory is the record of what Kwik booked
            }
            fault("kill -9 " + service.name() + ", restart", () -> {
                service.kill();
                service.restart();
                LocalStack.awaitHealthy(List.of(service), config, config.dataDir().resolve("logs"));
            });
        }
        fault("restart Kafka (down 5 s)", () -> stack.restartKafka(Duration.ofSeconds(5)));
        fault("crash PostgreSQL (immediate shutdown), restart after 5 s", () -> stack.restartPostgres(Duration.ofSeconds(5)));
        loading.set(false);
        load.join();
        log("load stopped; letting the pipelines settle");
        Thread.sleep(Math.max(30_000, gap.toMillis() * 2));
        watcher.destroy(); // SIGTERM: it writes what each client saw
        watcher.waitFor();
        return check(stack, sockets);
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
            new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile()).inheritIO().start().waitFor();
        }
        return new ProcessBuilder("node", "watch.mjs", "http://localhost:" + StackConfig.SOCKET_PORT, admin, "4", out.toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(config.dataDir().resolve("logs/sockets.log").toFile()).start();
    }

    private boolean check(LocalStack.Running stack, Path sockets) throws Exception {
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        Map<String, Set<Long>> published = versions(stack, Topics.ORDERS_EVENTS);

        long ackCount = acknowledged.values().stream().mapToLong(Set::size).sum();
        long lost = acknowledged.entrySet().stream().mapToLong(e -> e.getValue().stream()
                .filter(v -> !published.getOrDefault(e.getKey(), Set.of()).contains(v)).count()).sum();
        ok &= lost == 0;
        lines.add(row("every acknowledged REST change is on orders.events", lost == 0,
                "%d acknowledged (%d orders), %d missing; %d calls refused while a service was down"
                        .formatted(ackCount, acknowledged.size(), lost, refused.get())));

        JsonNode clients = json.readTree(Files.readString(sockets));
        int behind = 0;
        int gaps = 0;
        int notRecovered = 0;
        for (JsonNode client : clients) {
            notRecovered += client.path("notRecovered").asInt();
            for (Map.Entry<String, Set<Long>> order : acknowledged.entrySet()) {
                long latest = published.getOrDefault(order.getKey(), Set.of()).stream().mapToLong(Long::longValue).max().orElse(0);
                List<Long> seen = new ArrayList<>();
                client.path("versions").path(order.getKey()).forEach(v -> seen.add(v.asLong()));
                long max = seen.stream().mapToLong(Long::longValue).max().orElse(0);
                if (max < latest) {
                    behind++;
                }
                // gapless: every version from the first seen to the latest, live or by a catch-up's replay of the latest
                List<Long> distinct = seen.stream().distinct().sorted().toList();
                for (int i = 1; i < distinct.size(); i++) {
                    if (distinct.get(i) - distinct.get(i - 1) > 1 && !replayedAcross(client, order.getKey())) {
                        gaps++;
                        break;
                    }
                }
            }
        }
        boolean socketsOk = behind == 0 && gaps == 0 && notRecovered == 0;
        ok &= socketsOk;
        lines.add(row("every socket client has every order's latest version (gapless after catch-up)", socketsOk,
                "%d clients; %d order×client pairs behind, %d with a gap, %d syncs not recovered"
                        .formatted(clients.size(), behind, gaps, notRecovered)));

        JsonNode tasks = json.readTree(send("GET", SANDBOX + "/tasks", null, null).body());
        Map<String, Integer> live = new HashMap<>();
        Map<String, Integer> all = new HashMap<>();
        for (JsonNode booking : tasks) {
            String orderId = booking.path("orderId").asString("");
            all.merge(orderId, 1, Integer::sum);
            if (LIVE_KWIK.contains(booking.path("delivery").path("job_status").asInt())) {
                live.merge(orderId, 1, Integer::sum);
            }
        }
        long doubles = live.values().stream().filter(n -> n > 1).count();
        long extras = all.values().stream().mapToLong(n -> n - 1).sum();
        ok &= doubles == 0;
        lines.add(row("no order has more than one live Kwik task", doubles == 0,
                "%d bookings for %d orders; %d orders with 2+ live tasks; %d extra bookings made and cancelled"
                        .formatted(tasks.size(), all.size(), doubles, extras)));

        Set<String> courier = courierStatuses(stack);
        int acked = 0;
        int missing = 0;
        for (JsonNode callback : json.readTree(send("GET", SANDBOX + "/callbacks", null, null).body())) {
            if (callback.path("httpStatus").asInt() == 200) {
                acked++;
                if (!courier.contains(callback.path("jobId").asString() + "/" + callback.path("jobStatus").asInt())) {
                    missing++;
                }
            }
        }
        ok &= missing == 0;
        lines.add(row("every acknowledged webhook became a courier.status event", missing == 0,
                "%d callbacks answered 200, %d without their event".formatted(acked, missing)));

        long dead = 0;
        StringBuilder dlt = new StringBuilder();
        for (String topic : Topics.ALL) {
            long n = count(stack, Topics.deadLetter(topic));
            dead += n;
            dlt.append(Topics.deadLetter(topic)).append('=').append(n).append(' ');
        }
        ok &= dead == 0;
        lines.add(row("no dead letters (the run sends nothing malformed)", dead == 0, dlt.toString().trim()));

        StringBuilder report = new StringBuilder("## Chaos run " + started + " (" + (ok ? "PASSED" : "FAILED") + ")\n\n")
                .append("Fault schedule (gap ").append(gap.toSeconds()).append(" s):\n\n| at | fault | recovery |\n| --- | --- | --- |\n");
        schedule.forEach(s -> report.append(s).append('\n'));
        report.append("\n| check | result | numbers |\n| --- | --- | --- |\n");
        lines.forEach(l -> report.append(l).append('\n'));
        System.out.println(report);
        Files.writeString(config.dataDir().resolve("chaos-report.md"), report.toString());
        return ok;
    }

    private static boolean replayedAcross(JsonNode client, String orderId) {
        return client.path("replayed").asInt() > 0; // a catch-up replays the latest state only: a jump is expected
    }

    private static String row(String check, boolean passed, String numbers) {
        return "| " + check + " | " + (passed ? "pass" : "**FAIL**") + " | " + numbers + " |";
    }

    private Map<String, Set<Long>> versions(LocalStack.Running stack, String topic) {
        Map<String, Set<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(stack, topic)) {
            JsonNode data = json.readTree(r.value());
            if (data.hasNonNull("version")) {
                versions.computeIfAbsent(r.key(), k -> new java.util.HashSet<>()).add(data.get("version").asLong());
            }
        }
        return versions;
    }

    private Set<String> courierStatuses(LocalStack.Running stack) {
        Set<String> seen = new java.util.HashSet<>();
        for (ConsumerRecord<String, byte[]> r : readAll(stack, Topics.COURIER_EVENTS)) {
            JsonNode data = json.readTree(r.value());
            seen.add(data.path("providerJobId").asString() + "/" + data.path("providerStatus").asString());
        }
        return seen;
    }

    private long count(LocalStack.Running stack, String topic) {
        return readAll(stack, topic).size();
    }

    private List<ConsumerRecord<String, byte[]>> readAll(LocalStack.Running stack, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static void log(String line) {
        System.out.println("[chaos " + Instant.now() + "] " + line);
    }
}
