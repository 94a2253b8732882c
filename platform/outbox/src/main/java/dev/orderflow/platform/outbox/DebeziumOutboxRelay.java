package dev.orderflow.platform.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;

import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

/**
 * Relays outbox events from the PostgreSQL WAL to Kafka with an embedded Debezium engine
 * (pgoutput; the events are logical decoding messages with the prefix {@code orderflow.outbox},
 * see {@link OutboxEvent}). A batch's positions are committed only after
 * Kafka acknowledged every record of it, and positions live in the service's own database, so
 * a crash or restart resends at most the last unflushed batch and never loses an event.
 * An engine failure (broker or database down) is logged loudly and the engine restarted.
 * <p>
 * An event Kafka refuses for good (too large, invalid) is a poison event: resending it would
 * block every later event of the service, so it is parked ({@code outbox_parked}, counter
 * {@code outbox.parked}, log {@code event=OUTBOX_PARKED}) and the relay moves on. Meters:
 * {@code outbox.relay.lag} (commit → Kafka ack), {@code outbox.published}, {@code outbox.parked},
 * {@code outbox.parked.events}, {@code outbox.unreadable}, {@code outbox.slot.retained.wal} (bytes),
 * {@code outbox.relay.failing} (seconds the relay has been failing or waiting on Kafka).
 */
public class DebeziumOutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DebeziumOutboxRelay.class);

    private final OutboxRelayProperties properties;
    private final DatabaseEndpoint database;
    private final Supplier<Producer<String, byte[]>> producerFactory;
    private final ParkedOutboxEvents parked;
    private final MeterRegistry meters;
    private final Timer lag;

    private Producer<String, byte[]> producer;
    private ExecutorService engineThread;
    private ScheduledExecutorService restarts;
    private volatile DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private volatile boolean running;
    private volatile Throwable lastFailure;
    /** When the relay started failing (engine stopped, Kafka refused); null while healthy. */
    private volatile Instant failingSince;
    /** When the batch now waiting on Kafka's acknowledgements was sent; null between batches. */
    private volatile Instant awaitingAckSince;
    /** The last failure was Kafka's: only an acknowledged batch, not an engine start, proves recovery. */
    private volatile boolean kafkaFailing;

    public DebeziumOutboxRelay(OutboxRelayProperties properties, DatabaseEndpoint database,
                               Supplier<Producer<String, byte[]>> producerFactory, ParkedOutboxEvents parked,
                               MeterRegistry meters) {
        this.properties = properties;
        this.database = database;
        this.producerFactory = producerFactory;
        this.parked = parked;
        this.meters = meters != null ? meters : new SimpleMeterRegistry();
        this.lag = Timer.builder("outbox.relay.lag").description("Outbox event written → acknowledged by Kafka")
                .publishPercentileHistogram().register(this.meters);
        Gauge.builder("outbox.relay.failing", this, r -> r.failingFor().toMillis() / 1000.0)
                .description("Seconds the relay has been failing or waiting on Kafka (0 = healthy)")
                .baseUnit("seconds").register(this.meters);
        Gauge.builder("outbox.parked.events", parked, p -> safely(p::count))
                .description("Outbox events parked for an operator").register(this.meters);
        Gauge.builder("outbox.slot.retained.wal", parked, p -> safely(() -> p.retainedWalBytes(properties.slotName())))
                .description("WAL bytes the relay's replication slot holds back").baseUnit("bytes").register(this.meters);
    }

    private static double safely(java.util.concurrent.Callable<Long> read) {
        try {
            return read.call();
        } catch (Exception e) {
            return Double.NaN; // database down: the gauge has no value, the health indicator says why
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (!patchedQueueLoaded()) {
            log.warn("Debezium's own ChangeEventQueue was loaded, not platform-outbox's patched copy (is "
                    + "platform-outbox after debezium-connector-common on the classpath?): the relay lingers a poll "
                    + "interval per event and spins while idle (docs/performance.md, \"Outbox relay\")");
        }
        if (!patchedReaderLoaded()) {
            log.warn("Debezium's own PostgresStreamingChangeEventSource was loaded, not platform-outbox's patched "
                    + "copy (is platform-outbox after debezium-connector-postgres on the classpath?): the idle relay "
                    + "reads the WAL every poll interval (docs/performance.md, \"Outbox relay\")");
        }
        producer = producerFactory.get();
        engineThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
        restarts = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay-restart"));
        running = true;
        launch();
    }

    /** Our copy of Debezium's queue (no linger, no idle spin) is the one loaded; it has a condition upstream lacks. */
    public static boolean patchedQueueLoaded() {
        return declares(ChangeEventQueue.class, "hasRecords");
    }

    /** Our copy of Debezium's WAL reader (idle, it waits for a commit) is the one loaded; it has a field upstream lacks. */
    public static boolean patchedReaderLoaded() {
        return declares(io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.class, "idleWait");
    }

    private static boolean declares(Class<?> type, String field) {
        try {
            type.getDeclaredField(field);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private synchronized void launch() {
        if (!running) {
            return;
        }
        RelayWakeup.committed(); // a (re)started reader reads its backlog at the poll interval, not the idle wait
        engine = DebeziumEngine.create(Connect.class)
                .using(engineConfig())
                .using(this::engineStopped)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        if (!kafkaFailing) {
                            recovered(); // the database is back; a Kafka failure waits for an acknowledged batch
                        }
                    }
                })
                .notifying(this::relay)
                .build();
        engineThread.execute(engine);
        log.info("Outbox relay started on slot {}", properties.slotName());
    }

    private void engineStopped(boolean success, String message, Throwable error) {
        if (!running) {
            return;
        }
        lastFailure = error != null ? error : new IllegalStateException(message);
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        awaitingAckSince = null;
        log.error("Outbox relay engine stopped: {}; restarting in {}", message, properties.restartBackoff(), error);
        restarts.schedule(this::launch, properties.restartBackoff().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void relay(List<ChangeEvent<SourceRecord, SourceRecord>> batch,
                       DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        List<OutboxEvent> rows = new ArrayList<>(batch.size());
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        awaitingAckSince = Instant.now();
        for (ChangeEvent<SourceRecord, SourceRecord> change : batch) {
            OutboxEvent row = readable(change.value());
            if (row != null) {
                ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(row.topic(),
                        row.toEnvelope(properties.source()));
                sends.add(send(record));
                rows.add(row);
            }
        }
        List<EventEnvelope> published = new ArrayList<>(rows.size());
        for (int i = 0; i < sends.size(); i++) {
            OutboxEvent row = rows.get(i);
            try {
                sends.get(i).get();
                lag.record(Duration.between(row.occurredAt(), Instant.now()));
                meters.counter("outbox.published", "topic", row.topic()).increment();
                published.add(row.toEnvelope(properties.source()));
            } catch (java.util.concurrent.ExecutionException e) {
                if (!isPoison(e.getCause())) {
                    // Nothing of this batch is marked processed: the restarted engine resends all of it.
                    kafkaFailing = true;
                    throw new IllegalStateException("Kafka did not acknowledge an outbox event", e.getCause());
                }
                park(row, e.getCause());
            }
        }
        for (ChangeEvent<SourceRecord, SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        published.forEach(DebeziumOutboxRelay::logPublished);
        awaitingAckSince = null;
        kafkaFailing = false;
        recovered();
    }

    /**
     * The event of a change, or null for what is not one; an outbox message nobody can read (not our
     * format) would fail every restart of the engine, so it is logged, counted and skipped.
     */
    private OutboxEvent readable(SourceRecord change) {
        try {
            return fromChange(change);
        } catch (RuntimeException e) {
            meters.counter("outbox.unreadable").increment();
            log.atError().addKeyValue("event", "OUTBOX_UNREADABLE").addKeyValue("position", change.sourceOffset())
                    .log("An outbox change could not be read and was skipped: {}", e.getMessage());
            return null;
        }
    }

    /** A send the producer refuses at once (a record too large for its own limit) fails its future, not the batch. */
    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record);
        } catch (SerializationException | RecordTooLargeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Kafka refuses this record for good, whatever the retries: resending it would only block the ones after it. */
    static boolean isPoison(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidRecordException || error instanceof InvalidTopicException
                || error instanceof SerializationException;
    }

    private void park(OutboxEvent row, Throwable error) {
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        parked.park(row, reason);
        meters.counter("outbox.parked", "topic", row.topic()).increment();
        try (var t = MDC.putCloseable("traceId", row.toEnvelope(properties.source()).traceId());
             var o = MDC.putCloseable("orderId", row.aggregateId())) {
            log.atError().addKeyValue("event", "OUTBOX_PARKED").addKeyValue("eventType", row.type())
                    .addKeyValue("eventId", row.id()).addKeyValue("topic", row.topic())
                    .addKeyValue("payloadBytes", row.payload().length())
                    .log("Kafka refused outbox event {} for good ({}); parked in outbox_parked, relay goes on",
                            row.id(), reason);
        }
    }

    private void recovered() {
        lastFailure = null;
        failingSince = null;
    }

    /**
     * How long the relay has been failing (engine down, Kafka refusing) or waiting on Kafka for
     * the batch it sent; zero while healthy.
     */
    public Duration failingFor() {
        Instant now = Instant.now();
        Instant since = failingSince;
        Instant waiting = awaitingAckSince;
        Instant from = since == null ? waiting : waiting == null ? since : (since.isBefore(waiting) ? since : waiting);
        return from == null ? Duration.ZERO : Duration.between(from, now);
    }

    /** DEBUG: a line per event cost ≈ 5 % of order-service's CPU; the relay's metrics count them (docs/performance.md) */
    private static void logPublished(EventEnvelope event) {
        if (!log.isDebugEnabled()) {
            return;
        }
        try (var t = MDC.putCloseable("traceId", event.traceId()); var o = MDC.putCloseable("orderId", event.subject())) {
            log.atDebug().addKeyValue("event", "OUTBOX_PUBLISHED").addKeyValue("eventType", event.type())
                    .addKeyValue("eventId", event.id()).log("Published {} for {}", event.type(), event.subject());
        }
    }

    private Properties engineConfig() {
        String slot = properties.slotName();
        Properties config = new Properties();
        config.setProperty("name", slot + "-relay");
        config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.setProperty("plugin.name", "pgoutput");
        config.setProperty("slot.name", slot);
        config.setProperty("publication.name", slot + "_publication");
        config.setProperty("publication.autocreate.mode", "filtered");
        // events are logical decoding messages with our prefix (OutboxEvent); the outbox table stays in the
        // publication for rows written before that
        config.setProperty("table.include.list", "public.outbox");
        config.setProperty("message.prefix.include.list", java.util.regex.Pattern.quote(OutboxEvent.MESSAGE_PREFIX));
        config.setProperty("snapshot.mode", "no_data");
        // an outbox row (written before messages) was deleted in its own transaction; only its insert is an event
        config.setProperty("skipped.operations", "u,d,t");
        config.setProperty("tombstones.on.delete", "false");
        config.setProperty("topic.prefix", slot);
        config.setProperty("database.hostname", database.host());
        config.setProperty("database.port", String.valueOf(database.port()));
        config.setProperty("database.dbname", database.name());
        config.setProperty("database.user", database.user());
        config.setProperty("database.password", database.password());
        config.setProperty("poll.interval.ms", String.valueOf(properties.pollInterval().toMillis()));
        // read by our copy of the WAL reader: idle, it waits for this JVM's next outbox commit (RelayWakeup)
        config.setProperty(RelayWakeup.IDLE_WAIT_SETTING, String.valueOf(properties.idleWait().toMillis()));
        // keeps the slot's confirmed position moving while other tables write WAL and the outbox is quiet
        config.setProperty("heartbeat.interval.ms", "10000");
        config.setProperty("offset.storage", "io.debezium.storage.jdbc.offset.JdbcOffsetBackingStore");
        config.setProperty("offset.storage.jdbc.connection.url", database.jdbcUrl());
        config.setProperty("offset.storage.jdbc.connection.user", database.user());
        config.setProperty("offset.storage.jdbc.connection.password", database.password());
        config.setProperty("offset.storage.jdbc.table.name", "debezium_offsets");
        config.setProperty("offset.flush.interval.ms", String.valueOf(properties.offsetFlushInterval().toMillis()));
        return config;
    }

    public OutboxRelayProperties properties() {
        return properties;
    }

    /** The last engine failure since the last relayed batch, or null while healthy. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        restarts.shutdownNow();
        try {
            if (engine != null) {
                engine.close();
            }
            engineThread.shutdown();
            if (!engineThread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Outbox relay did not stop within 30 s");
            }
        } catch (Exception e) {
            log.warn("Error while stopping the outbox relay", e);
        } finally {
            producer.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the database migrations and stop before the data source closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** An outbox message (or a row insert written before messages), or null for heartbeats and anything else. */
    static OutboxEvent fromChange(SourceRecord source) {
        if (source == null || !(source.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        return switch (value.getString("op")) {
            case "m" -> {
                Struct message = value.getStruct("message");
                yield OutboxEvent.MESSAGE_PREFIX.equals(message.getString("prefix"))
                        ? OutboxEvent.decode(bytes(message.get("content"))) : null;
            }
            case "c" -> OutboxEvent.fromRow(value.getStruct("after"));
            default -> null;
        };
    }

    private static byte[] bytes(Object content) {
        if (content instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return (byte[]) content;
    }

    /** Where the relay reads the WAL and keeps its positions: the service's own database. */
    public record DatabaseEndpoint(String jdbcUrl, String host, int port, String name, String user, String password) {

        public static DatabaseEndpoint of(String jdbcUrl, String user, String password) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String path = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
            return new DatabaseEndpoint(jdbcUrl, uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), path, user,
                    // Debezium's JDBC offset store rejects an empty password
                    password == null || password.isEmpty() ? "unused" : password);
        }
    }
}
