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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.Topics;

/**
 * What the chaos run checks once the load has stopped (docs/reliability.md): read from the outside —
 * the topics, the sandbox's record of what Kwik booked and called back, and what each socket client
 * received. {@link #evaluate} can be called repeatedly while the pipelines settle.
 */
final class ChaosChecks {

    private static final String SANDBOX = "http://localhost:" + StackConfig.KWIK_PORT + "/sandbox";
    /** Kwik job statuses of a task that was called off: cancelled, deleted. */
    private static final Set<Integer> KWIK_CANCELLED = Set.of(9, 10);
    private static final int KWIK_SUCCESSFUL = 2;
    /** Webhook → courier-adapter → dispatch-service → order-service → Kafka, with room for a loaded machine. */
    private static final Duration PIPELINE_GRACE = Duration.ofSeconds(3);
    private static final Duration DELIVERY_GRACE = Duration.ofSeconds(2);

    /** The outcome of one evaluation: each check's table row, and the counts that show the run was real. */
    record Result(boolean passed, List<String> rows, Counts counts) {
    }

    /** What happened: a run whose counts are zero proves nothing, so {@link #evaluate} fails it. */
    record Counts(int faults, int orders, long changes, int bookings, int callbacks, int delivered, int clients,
                  int cursorReconnects, int recoveredCatchUps, long liveEvents, long replayedEvents) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalStack.Running stack;

    ChaosChecks(LocalStack.Running stack) {
        this.stack = stack;
    }

    /**
     * @param acknowledged orderId → the versions the REST API answered with (2xx only)
     * @param refused calls that got no 2xx (a service was down): counted, not acknowledged
     * @param faults the faults that were injected and undone, of {@code planned}
     * @param sockets what watch.mjs wrote: per client, per order the events [version, connection, replayed]
     */
    Result evaluate(Map<String, Set<Long>> acknowledged, int refused, int faults, int planned, Path sockets) throws IOException, InterruptedException {
        // The sandbox's couriers keep riding after the load stops, so callbacks keep coming: the callbacks
        // are listed first, and the pipelines get a moment to carry them through before any topic is read
        // (read the other way round, a callback answered in between counted as one not applied).
        JsonNode callbacks = json.readTree(get(SANDBOX + "/callbacks"));
        Thread.sleep(PIPELINE_GRACE.toMillis());
        List<String> rows = new ArrayList<>();
        boolean ok = true;
        Map<String, Long> latestVersion = new HashMap<>();
        Map<String, String> latestDispatch = new HashMap<>();
        Map<String, Set<Long>> published = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.ORDERS_EVENTS)) {
            JsonNode order = json.readTree(r.value());
            if (!order.hasNonNull("version")) {
                continue;
            }
            long version = order.get("version").asLong();
            published.computeIfAbsent(r.key(), k -> new HashSet<>()).add(version);
            if (version >= latestVersion.getOrDefault(r.key(), 0L)) {
                latestVersion.put(r.key(), version);
                latestDispatch.put(r.key(), order.path("dispatch").path("status").asString(""));
            }
        }

        // 1. nothing acknowledged is lost
        long changes = acknowledged.values().stream().mapToLong(Set::size).sum();
        long lost = acknowledged.entrySet().stream().mapToLong(e -> e.getValue().stream()
                .filter(v -> !published.getOrDefault(e.getKey(), Set.of()).contains(v)).count()).sum();
        ok &= lost == 0;
        rows.add(row("every acknowledged REST change is on orders.events", lost == 0,
                "%d acknowledged changes of %d orders, %d missing; %d calls refused while a service was down"
                        .formatted(changes, acknowledged.size(), lost, refused)));

        // 2. every client saw every order up to its latest version, gapless except across a catch-up.
        // The couriers keep riding, so the topics may have moved on since the clients' last write: judge
        // the clients by what they wrote after the topics were read and the gateway had a moment to deliver.
        awaitWrittenAfter(sockets, Instant.now().plus(DELIVERY_GRACE));
        SocketTally tally = sockets(sockets, acknowledged.keySet(), latestVersion);
        boolean socketsOk = tally.behind == 0 && tally.gaps == 0 && tally.notRecovered == 0;
        ok &= socketsOk;
        rows.add(row("every socket client has every order's latest version, gapless after catch-up", socketsOk,
                ("%d clients; %d order×client pairs behind, %d with a gap; %d reconnects with a cursor, %d catch-ups"
                        + " recovered, %d not; %d live and %d replayed order.updated")
                        .formatted(tally.clients, tally.behind, tally.gaps, tally.cursorReconnects,
                                tally.recovered, tally.notRecovered, tally.live, tally.replayed)
                        + (tally.examples.isEmpty() ? "" : "; e.g. " + String.join(", ", tally.examples))));
        // reported, not failed (an open finding, docs/reliability.md): a live event older than one already received
        rows.add("| live order.updated delivered in version order (reported, not failed) | " + (tally.outOfOrder == 0 ? "yes" : "**no**")
                + " | %d order×client pairs received a live event older than one they had%s |".formatted(tally.outOfOrder,
                        tally.outOfOrderExample == null ? "" : " (e.g. " + tally.outOfOrderExample + ")"));

        // 3. no double booking: per order at most one Kwik task that was not cancelled (live or done)
        JsonNode tasks = json.readTree(get(SANDBOX + "/tasks"));
        Map<String, Integer> booked = new HashMap<>();
        Map<String, String> orderOfDeliveryJob = new HashMap<>();
        int cancelled = 0;
        for (JsonNode booking : tasks) {
            String orderId = booking.path("orderId").asString("");
            orderOfDeliveryJob.put(booking.path("delivery").path("job_id").asString(""), orderId);
            if (KWIK_CANCELLED.contains(booking.path("delivery").path("job_status").asInt())) {
                cancelled++;
            } else {
                booked.merge(orderId, 1, Integer::sum);
            }
        }
        long doubles = booked.values().stream().filter(n -> n > 1).count();
        ok &= doubles == 0;
        rows.add(row("no order has more than one Kwik task (live or done; cancelled extras aside)", doubles == 0,
                "%d Kwik bookings for %d orders; %d orders with 2+ tasks not cancelled; %d extras cancelled"
                        .formatted(tasks.size(), orderOfDeliveryJob.values().stream().distinct().count(), doubles, cancelled)));

        // 4. every acknowledged webhook was applied: an event on courier.events, and a delivery reached the order
        Set<String> courier = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.COURIER_EVENTS)) {
            JsonNode data = json.readTree(r.value());
            courier.add(data.path("providerJobId").asString() + "/" + data.path("providerStatus").asString());
        }
        int acked = 0;
        int missing = 0;
        int delivered = 0;
        List<String> notDelivered = new ArrayList<>();
        for (JsonNode callback : callbacks) {
            if (callback.path("httpStatus").asInt() != 200) {
                continue;
            }
            acked++;
            String jobId = callback.path("jobId").asString();
            int status = callback.path("jobStatus").asInt();
            if (!courier.contains(jobId + "/" + status)) {
                missing++;
            }
            String orderId = orderOfDeliveryJob.get(jobId);
            if (status == KWIK_SUCCESSFUL && orderId != null) {
                delivered++;
                if (!"DELIVERED".equals(latestDispatch.get(orderId))) {
                    notDelivered.add(orderId);
                }
            }
        }
        boolean appliedOk = missing == 0 && notDelivered.isEmpty();
        ok &= appliedOk;
        rows.add(row("every acknowledged webhook was applied", appliedOk,
                ("%d callbacks answered 200, %d without their courier.status event; %d deliveries acknowledged,"
                        + " %d orders not DELIVERED on orders.events").formatted(acked, missing, delivered, notDelivered.size())
                        + (notDelivered.isEmpty() ? "" : " (e.g. " + notDelivered.getFirst() + ")")));

        // 5. nothing dead-lettered (the run sends nothing malformed, so any dead letter is unexplained)
        long dead = 0;
        StringBuilder dlt = new StringBuilder();
        for (String topic : Topics.ALL) {
            int n = readAll(Topics.deadLetter(topic)).size();
            dead += n;
            dlt.append(Topics.deadLetter(topic)).append('=').append(n).append(' ');
        }
        ok &= dead == 0;
        rows.add(row("no dead letters (the run sends nothing malformed)", dead == 0, dlt.toString().trim()));

        // 6. the run was real: faults injected, orders booked, clients cut off and caught up
        Counts counts = new Counts(faults, acknowledged.size(), changes, tasks.size(), acked, delivered, tally.clients,
                tally.cursorReconnects, tally.recovered, tally.live, tally.replayed);
        boolean real = faults == planned && counts.orders() > 0 && changes > counts.orders() && counts.bookings() > 0
                && acked > 0 && delivered > 0 && tally.clients > 0 && tally.everyClientReconnected
                && tally.recovered > 0 && tally.live > 0;
        ok &= real;
        rows.add(row("the run was real (not vacuous)", real,
                "%d of %d faults done; every client reconnected with its cursor at least once: %s"
                        .formatted(faults, planned, tally.everyClientReconnected)));
        return new Result(ok, rows, counts);
    }

    private static final class SocketTally {
        int clients;
        int behind;
        int gaps;
        int cursorReconnects;
        int recovered;
        int notRecovered;
        long live;
        long replayed;
        boolean everyClientReconnected = true;
        int outOfOrder;
        String outOfOrderExample;
        final List<String> examples = new ArrayList<>();
    }

    /**
     * Per client and order: the versions received, sorted, have no gap from version 1, except below a
     * version a catch-up replayed (a replay sends the state at that version only). Separately counted, not
     * failed: a live event older than one the client already had (out-of-order delivery, docs/reliability.md).
     */
    private SocketTally sockets(Path file, Set<String> orders, Map<String, Long> latestVersion) throws IOException {
        SocketTally t = new SocketTally();
        if (!Files.isRegularFile(file)) {
            t.everyClientReconnected = false;
            return t;
        }
        JsonNode clients = json.readTree(Files.readString(file));
        for (JsonNode client : clients) {
            t.clients++;
            t.cursorReconnects += client.path("cursorConnects").asInt();
            t.everyClientReconnected &= client.path("cursorConnects").asInt() > 0;
            t.recovered += client.path("recovered").asInt();
            t.notRecovered += client.path("notRecovered").asInt();
            t.live += client.path("live").asLong();
            t.replayed += client.path("replayed").asLong();
            for (String orderId : orders) {
                Set<Long> replayedVersions = new HashSet<>();
                java.util.TreeSet<Long> seen = new java.util.TreeSet<>();
                long max = 0;
                boolean outOfOrder = false;
                for (JsonNode e : client.path("events").path(orderId)) {
                    long version = e.get(0).asLong();
                    if (e.get(2).asInt() == 1) {
                        replayedVersions.add(version);
                    } else if (version < max) {
                        outOfOrder = true;
                    }
                    seen.add(version);
                    max = Math.max(max, version);
                }
                // a replay of version r hands over the state at r: versions up to r may be missing, none after
                long covered = replayedVersions.stream().mapToLong(Long::longValue).max().orElse(0);
                long previous = 0;
                for (long version : seen) {
                    if (version > previous + 1 && version - 1 > covered) {
                        t.gaps++;
                        example(t, "client " + t.clients + " gap before v" + version + " of " + orderId);
                        break;
                    }
                    previous = version;
                }
                if (outOfOrder) {
                    t.outOfOrder++;
                    if (t.outOfOrderExample == null) {
                        t.outOfOrderExample = "client " + t.clients + " on " + orderId + ": " + client.path("events").path(orderId);
                    }
                }
                if (max < latestVersion.getOrDefault(orderId, 0L)) {
                    t.behind++;
                    example(t, "client " + t.clients + " at v" + max + " of " + orderId + " (latest v" + latestVersion.get(orderId) + ")");
                }
            }
        }
        return t;
    }

    /** watch.mjs rewrites its file every 2 s; gives up after 10 s (a dead watcher is reported by the check itself) */
    private static void awaitWrittenAfter(Path file, Instant after) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((!Files.exists(file) || Files.getLastModifiedTime(file).toInstant().isBefore(after))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static void example(SocketTally t, String what) {
        if (t.examples.size() < 3) {
            t.examples.add(what);
        }
    }

    private static String row(String check, boolean passed, String numbers) {
        return "| " + check + " | " + (passed ? "pass" : "**FAIL**") + " | " + numbers + " |";
    }

    /** The sandbox's record; anything but 200 ends the run (an error body must not read as "no bookings"). */
    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("X-Sandbox-Key", StackConfig.SANDBOX_KEY).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
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
}
