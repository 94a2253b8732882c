package dev.orderflow.order.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.orderflow.contracts.Topics;
import dev.orderflow.embedded.EmbeddedInfrastructure;
import dev.orderflow.embedded.EmbeddedPostgres;
import dev.orderflow.order.OrderServiceApplication;
import dev.orderflow.platform.security.JwtTokens;

/**
 * Status changes per second through REST → PostgreSQL → outbox → Debezium → Kafka, and the relay's
 * latency from the outbox append (inside the committing transaction) to a Kafka consumer, with
 * Debezium's poll interval at 10 ms and at 1 ms side by side in one run. Not a test: run with
 * {@code bin/bench} (docs/benchmarks.md). Writes its section of docs/benchmarks.md.
 */
public final class OrderPipelineBenchmark {

    private static final String SECRET = "benchmark-secret-benchmark-secret-0123456789";
    private static final List<String> WORKFLOW = List.of("CONFIRMED", "PREPARING", "READY", "OUT_FOR_DELIVERY", "DELIVERED");
    private static final int ORDERS = Integer.getInteger("bench.orders", 400);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String token = JwtTokens.issue(SECRET, "bench-admin", List.of("ADMIN"), Duration.ofHours(1));

    record Result(String setting, int changes, double seconds, double perSecond, long restP50, long restP99,
                  long relayP50, long relayP99, long relayMax, int events) {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
        List<Result> results = new ArrayList<>();
        for (Duration poll : List.of(Duration.ofMillis(10), Duration.ofMillis(1))) {
            String database = "bench_poll_" + poll.toMillis() + "ms";
            infra.postgres().createDatabase(database);
            // command-line arguments: they outrank the service's application.yml (default properties do not)
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrderServiceApplication.class)
                    .run(arguments(Map.of(
                            "server.port", "0",
                            "spring.datasource.url", infra.postgres().jdbcUrl(database),
                            "spring.datasource.username", EmbeddedPostgres.USER,
                            "spring.datasource.password", EmbeddedPostgres.PASSWORD,
                            "spring.kafka.bootstrap-servers", infra.kafka().bootstrapServers(),
                            "orderflow.security.jwt.secret", SECRET,
                            "orderflow.outbox.poll-interval", poll.toMillis() + "ms",
                            "orderflow.rate-limit.requests-per-period", "100000000",
                            "logging.level.root", "WARN")))) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                OrderPipelineBenchmark bench = new OrderPipelineBenchmark();
                bench.measure(port, infra, "poll.interval.ms=" + poll.toMillis(), 60); // warm-up, discarded
                results.add(bench.measure(port, infra, "poll.interval.ms=" + poll.toMillis(), ORDERS));
            }
        }
        String section = report(results);
        System.out.println(section);
        BenchmarkReport.writeSection(Path.of(System.getProperty("bench.report", "docs/benchmarks.md")),
                "Order pipeline", section);
        System.exit(0);
    }

    private static String[] arguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private Result measure(int port, EmbeddedInfrastructure infra, String setting, int orders) throws Exception {
        String base = "http://127.0.0.1:" + port + "/api/v1/orders";
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.Callable<String> createOne = () -> create(base);
        for (Future<String> f : clients.invokeAll(Collections.nCopies(orders, createOne))) {
            ids.add(f.get());
        }
        Set<String> benchOrders = ConcurrentHashMap.newKeySet();
        benchOrders.addAll(ids);
        int expected = orders * WORKFLOW.size();
        try (RelayLatencyProbe probe = new RelayLatencyProbe(infra.kafka().bootstrapServers(), benchOrders, expected)) {
            List<Long> restNanos = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<java.util.concurrent.Callable<Void>> walks = ids.stream().<java.util.concurrent.Callable<Void>>map(id -> () -> {
                for (String status : WORKFLOW) {
                    long t0 = System.nanoTime();
                    send("PATCH", base + "/" + id + "/status", "{\"status\":\"" + status + "\"}");
                    restNanos.add(System.nanoTime() - t0);
                }
                return null;
            }).toList();
            for (Future<Void> f : clients.invokeAll(walks)) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> relay = probe.await(Duration.ofSeconds(60));
            clients.shutdown();
            List<Long> rest = new ArrayList<>(restNanos);
            Collections.sort(rest);
            return new Result(setting, expected, seconds, expected / seconds,
                    pct(rest, 50) / 1_000_000, pct(rest, 99) / 1_000_000,
                    pct(relay, 50), pct(relay, 99), relay.isEmpty() ? -1 : relay.getLast(), relay.size());
        }
    }

    private String create(String base) throws Exception {
        String body = """
                {"customerId":"bench-customer","currency":"NGN","items":[{"sku":"SKU-1","name":"Item","quantity":2,"unitPrice":"4.50"}],
                 "deliveryAddress":{"line1":"1 Bench Road","city":"Lagos"}}""";
        HttpResponse<String> response = http.send(request("POST", base, body)
                .header("Idempotency-Key", UUID.randomUUID().toString()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("create failed: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    private void send(String method, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(request(method, url, body).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + " " + response.body());
        }
    }

    private HttpRequest.Builder request(String method, String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String report(List<Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, JDK ").append(Runtime.version()).append(", ").append(ORDERS).append(" orders × ")
                .append(WORKFLOW.size()).append(" status changes, ").append(CLIENTS).append(" concurrent HTTP clients,\n")
                .append("embedded PostgreSQL 17 (synchronous_commit=on, fsync=off) and an in-process Kafka broker (acks=all).\n")
                .append("Relay latency = outbox append (inside the committing transaction) → record received by a Kafka consumer.\n\n")
                .append("| Debezium setting | status changes | wall s | changes/s | REST p50 ms | REST p99 ms | relay p50 ms | relay p99 ms | relay max ms | events seen |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            md.append("| %s | %d | %.1f | %.0f | %d | %d | %d | %d | %d | %d |\n".formatted(r.setting(), r.changes(),
                    r.seconds(), r.perSecond(), r.restP50(), r.restP99(), r.relayP50(), r.relayP99(), r.relayMax(), r.events()));
        }
        md.append("""

                Everything (PostgreSQL, Kafka, Debezium, order-service and the load generator) shares the same 2 cores,
                so the throughput is CPU-bound; each status change is one transaction of 4 statements (read, versioned
                update, history row, the event as a logical decoding message) plus the WAL decode by Debezium.

                Debezium settings that matter here (`platform/outbox`, `DebeziumOutboxRelay`):
                - `poll.interval.ms` (`orderflow.outbox.poll-interval`): how long Debezium's WAL reader sleeps after
                  a burst of empty reads (our patched queue hands events over at once; docs/performance.md).
                - PostgreSQL `synchronous_commit=on`: with zonky's default `off` Debezium sees a commit only at the
                  next WAL flush (p50 ≈ 160 ms, docs/design.md); the embedded PostgreSQL turns it on.
                - `plugin.name=pgoutput`, `message.prefix.include.list` (`orderflow.outbox`): only our messages are
                  shipped (plus inserts into the outbox table, written before messages); `skipped.operations=u,d,t`.
                - `snapshot.mode=no_data`: no initial snapshot of the (always empty) outbox table.
                - `offset.flush.interval.ms` (1 s) with JDBC offset storage: bounds how many events a crash can
                  resend (never lose); consumers de-duplicate by `ce_id`.
                - `max.batch.size` / `max.queue.size`: defaults (2048 / 8192) were never the limit at these rates.
                """);
        return md.toString();
    }

    /** Consumes orders.events and records, per event of the benchmark's orders, append → receive in ms. */
    static final class RelayLatencyProbe implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Set<String> orders;
        private final int expected;
        private final List<Long> latencies = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        RelayLatencyProbe(String bootstrap, Set<String> orders, int expected) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
            this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            this.orders = orders;
            this.expected = expected;
            consumer.subscribe(List.of(Topics.ORDERS_EVENTS));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(50)); // join the group before the measured writes start
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            thread = Thread.ofPlatform().name("relay-latency-probe").start(this::loop);
        }

        private void loop() {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long received = System.currentTimeMillis();
                    var type = record.headers().lastHeader("ce_type");
                    var time = record.headers().lastHeader("ce_time");
                    if (type != null && "order.updated".equals(new String(type.value(), StandardCharsets.UTF_8))
                            && orders.contains(record.key()) && time != null) {
                        long appended = java.time.OffsetDateTime.parse(new String(time.value(), StandardCharsets.UTF_8))
                                .toInstant().toEpochMilli();
                        synchronized (latencies) {
                            latencies.add(received - appended);
                        }
                    }
                }
            }
        }

        List<Long> await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (latencies) {
                    if (latencies.size() >= expected) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            synchronized (latencies) {
                List<Long> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                return sorted;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
            consumer.close();
        }
    }
}
