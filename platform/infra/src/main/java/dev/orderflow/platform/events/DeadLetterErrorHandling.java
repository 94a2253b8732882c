package dev.orderflow.platform.events;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import dev.orderflow.contracts.Topics;

/**
 * Every service's Kafka listeners: a record that keeps failing goes to {@code <topic>.DLT} after a
 * few tries, a malformed one at once, so one bad record never blocks its partition.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
public class DeadLetterErrorHandling {

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 3));
        handler.addNotRetryableExceptions(IllegalArgumentException.class, tools.jackson.core.JacksonException.class);
        return handler;
    }

    /** Lag of each consumer group of the service's Kafka listeners, per topic, as a gauge (docs/contract.md §7). */
    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    ConsumerGroupLag consumerGroupLag(org.springframework.beans.factory.ObjectProvider<
                                              org.springframework.kafka.config.KafkaListenerEndpointRegistry> listeners,
                                      org.springframework.boot.kafka.autoconfigure.KafkaProperties kafka,
                                      org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
                                      @org.springframework.beans.factory.annotation.Value(
                                              "${orderflow.kafka.lag-interval:15s}") java.time.Duration interval) {
        java.util.function.Supplier<java.util.Set<String>> groups = () -> listeners.stream()
                .flatMap(r -> r.getListenerContainers().stream())
                .map(org.springframework.kafka.listener.MessageListenerContainer::getGroupId)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        return new ConsumerGroupLag(kafka.buildAdminProperties(), groups,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new), interval);
    }
}
