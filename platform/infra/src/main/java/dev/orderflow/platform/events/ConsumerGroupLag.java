package dev.orderflow.platform.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * {@code kafka.consumer.group.lag{group,topic}}: records each consumer group of the service has not
 * consumed yet (latest offset − committed offset, summed over the topic's partitions), read
 * with Kafka's admin API every {@code interval}. Per group, not per client, so it survives
 * rebalances and restarts and shows a group whose consumers are all down.
 */
public class ConsumerGroupLag implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupLag.class);

    private final Map<String, Object> adminConfig;
    private final java.util.function.Supplier<java.util.Set<String>> groups;
    private final MeterRegistry meters;
    private final Duration interval;
    private final Map<String, AtomicLong> lagByGroupTopic = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private Admin admin;

    public ConsumerGroupLag(Map<String, Object> adminConfig, java.util.function.Supplier<java.util.Set<String>> groups,
                            MeterRegistry meters, Duration interval) {
        this.adminConfig = adminConfig;
        this.groups = groups;
        this.meters = meters;
        this.interval = interval;
    }

    @Override
    public void afterPropertiesSet() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consumer-group-lag");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::measure, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void measure() {
        for (String group : groups.get()) {
            measure(group);
        }
    }

    private void measure(String group) {
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            Map<String, Long> lag = committed.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.groupingBy(e -> e.getKey().topic(), Collectors.summingLong(
                            e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset()))));
            lag.forEach((topic, value) -> lagByGroupTopic.computeIfAbsent(group + "/" + topic, key -> {
                AtomicLong holder = new AtomicLong();
                Gauge.builder("kafka.consumer.group.lag", holder, AtomicLong::get)
                        .description("Records the consumer group has not consumed yet")
                        .tags("group", group, "topic", topic).register(meters);
                return holder;
            }).set(value));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Consumer group lag of {} not measured: {}", group, e.toString());
        }
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
