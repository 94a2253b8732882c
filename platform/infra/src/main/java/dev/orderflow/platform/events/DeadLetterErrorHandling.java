package dev.orderflow.platform.events;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

import dev.orderflow.contracts.Topics;

/**
 * Every service's Kafka listeners: a record that keeps failing goes to {@code <topic>.DLT} after a
 * few tries, a malformed one at once, so one bad record never blocks its partition; each one is
 * counted ({@code kafka.dead.letters{topic}}). Also the consumer groups' lag meter.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
public class DeadLetterErrorHandling {

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template,
                                          ObjectProvider<MeterRegistry> meters) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        // kafka.dead.letters{topic}: what an operator alerts on (deploy/observability/prometheus/alerts.yml)
        ConsumerRecordRecoverer recoverer = (record, e) -> {
            deadLetters.accept(record, e);
            registry.counter("kafka.dead.letters", "topic", record.topic()).increment();
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 3));
        handler.addNotRetryableExceptions(IllegalArgumentException.class, tools.jackson.core.JacksonException.class);
        return handler;
    }

    /** Lag of each consumer group of the service's Kafka listeners, per topic, as a gauge (docs/contract.md §7). */
    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    ConsumerGroupLag consumerGroupLag(ObjectProvider<KafkaListenerEndpointRegistry> listeners, KafkaProperties kafka,
                                      ObjectProvider<MeterRegistry> meters,
                                      @Value("${orderflow.kafka.lag-interval:15s}") Duration interval) {
        Supplier<Set<String>> groups = () -> listeners.stream()
                .flatMap(r -> r.getListenerContainers().stream())
                .map(MessageListenerContainer::getGroupId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        return new ConsumerGroupLag(kafka.buildAdminProperties(), groups,
                meters.getIfAvailable(SimpleMeterRegistry::new), interval);
    }
}
