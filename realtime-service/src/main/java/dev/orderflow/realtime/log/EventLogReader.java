package dev.orderflow.realtime.log;

import dev.orderflow.realtime.ops.GatewayMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.Topics;
import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.view.OrderView;

/**
 * Reads every partition of the topics the gateway serves, with no consumer group: each
 * instance sees the whole log, so any instance can answer any client's cursor. On start it
 * re-reads {@code orders.events} from the look-back window to rebuild its view (without
 * emitting — those events are history), and follows the other topics from their end.
 * <p>
 * A failure (broker gone, a bug in a handler) does not end the reader: it is logged
 * ({@code event=LOG_READER_FAILED}), counted ({@code gateway.log.reader.restarts}) and the reader
 * starts again after a backoff (0.5 s doubling to 30 s) from the position after the last record
 * it handled, so nothing is skipped and nothing emitted twice. {@link EventLogHealthIndicator}
 * reports it DOWN meanwhile.
 */
@Component
public class EventLogReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventLogReader.class);
    private static final List<String> FOLLOWED = List.of(Topics.ORDERS_EVENTS, Topics.DISPATCH_EVENTS, Topics.COURIER_LOCATIONS);

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final EventIngest ingest;
    private final OrderView view;
    private final Duration lookback;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final GatewayMetrics metrics;
    /** Next offset to read per partition: where a restarted reader goes on. */
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    /** Where the history of orders.events ends (records before are rebuilt without emitting). */
    private final Map<TopicPartition, Long> historyEnd = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile boolean live;
    private volatile Throwable lastFailure;
    private volatile Instant failingSince;
    private volatile RuntimeException injectedFault;
    private final java.util.concurrent.atomic.AtomicLong restarts = new java.util.concurrent.atomic.AtomicLong();
    private Thread thread;

    public EventLogReader(ConsumerFactory<String, byte[]> consumerFactory, EventIngest ingest, OrderView view,
                          RealtimeProperties properties, GatewayMetrics metrics) {
        this.consumerFactory = consumerFactory;
        this.ingest = ingest;
        this.view = view;
        this.lookback = properties.lookback();
        this.metrics = metrics;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "realtime-log-reader");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean awaitCaughtUp(long timeout, TimeUnit unit) {
        try {
            return caughtUp.await(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try {
                read();
                return;
            } catch (WakeupException e) {
                if (!running) {
                    return; // stopping
                }
                failed(e);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                failed(e);
            }
            if (failingSince == null) {
                backoff = FIRST_BACKOFF; // it had recovered before failing again
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void failed(Throwable e) {
        lastFailure = e;
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        restarts.incrementAndGet();
        metrics.logReaderRestarted();
        log.atError().addKeyValue("event", "LOG_READER_FAILED").setCause(e)
                .log("The log reader failed; restarting from where it was: {}", e.toString());
    }

    private void read() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (Consumer<String, byte[]> kafka = consumerFactory.createConsumer(null, "realtime-", null, overrides)) {
            consumer = kafka;
            if (positions.isEmpty()) {
                historyEnd.putAll(assignAndSeek(kafka));
                kafka.assignment().forEach(tp -> positions.put(tp, kafka.position(tp)));
            } else {
                resume(kafka);
            }
            if (!live && historyEnd.isEmpty()) {
                markCaughtUp();
            }
            while (running) {
                RuntimeException fault = injectedFault;
                if (fault != null) {
                    injectedFault = null;
                    throw fault;
                }
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(200));
                failingSince = null;
                for (ConsumerRecord<String, byte[]> record : records) {
                    ingest.accept(record, live || isLiveRecord(record, historyEnd));
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                if (!live && historyEnd.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                    markCaughtUp();
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** After a failure: the same partitions (and any new ones), each from the record after the last one handled. */
    private void resume(Consumer<String, byte[]> kafka) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : FOLLOWED) {
            all.addAll(partitionsOf(kafka, topic));
        }
        kafka.assign(all);
        for (TopicPartition tp : all) {
            Long next = positions.get(tp);
            if (next != null) {
                kafka.seek(tp, next);
            } else if (tp.topic().equals(Topics.ORDERS_EVENTS)) {
                kafka.seekToBeginning(List.of(tp));
            } else {
                kafka.seekToEnd(List.of(tp));
            }
        }
        log.info("The log reader resumed at {}", positions);
    }

    /** Test and chaos hook: the reader's next poll throws {@code fault} (it must recover). */
    public void failOnce(RuntimeException fault) {
        injectedFault = fault;
    }

    public boolean isLive() {
        return live;
    }

    /** How long the reader has been failing (restarting); zero while it reads. */
    public Duration failingFor() {
        Instant since = failingSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    public long restarts() {
        return restarts.get();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isLiveRecord(ConsumerRecord<String, byte[]> record, Map<TopicPartition, Long> historyEnd) {
        Long end = historyEnd.get(new TopicPartition(record.topic(), record.partition()));
        return end == null || record.offset() >= end;
    }

    private void markCaughtUp() {
        live = true;
        view.markReady();
        caughtUp.countDown();
        log.info("The view of orders.events is rebuilt; cursor {}", view.cursor().encode());
    }

    /** Assigns every partition; returns where the history of orders.events ends (emitting starts there). */
    private Map<TopicPartition, Long> assignAndSeek(Consumer<String, byte[]> kafka) {
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        for (String topic : FOLLOWED) {
            partitions.put(topic, partitionsOf(kafka, topic));
        }
        List<TopicPartition> all = new ArrayList<>();
        partitions.values().forEach(all::addAll);
        kafka.assign(all);

        List<TopicPartition> orders = partitions.get(Topics.ORDERS_EVENTS);
        long since = Instant.now().minus(lookback).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        orders.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = kafka.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = kafka.endOffsets(orders);
        for (TopicPartition tp : orders) {
            OffsetAndTimestamp start = starts.get(tp);
            long offset = start == null ? ends.get(tp) : start.offset();
            kafka.seek(tp, offset);
            view.startPartition(tp.partition(), offset);
        }
        partitions.entrySet().stream().filter(e -> !e.getKey().equals(Topics.ORDERS_EVENTS))
                .forEach(e -> kafka.seekToEnd(e.getValue()));
        Map<TopicPartition, Long> historyEnd = new HashMap<>();
        ends.forEach((tp, end) -> {
            if (end > kafka.position(tp)) {
                historyEnd.put(tp, end);
            }
        });
        return historyEnd;
    }

    private List<TopicPartition> partitionsOf(Consumer<String, byte[]> kafka, String topic) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            log.info("Waiting for topic {} to exist", topic);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new WakeupException();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 200;
    }
}
