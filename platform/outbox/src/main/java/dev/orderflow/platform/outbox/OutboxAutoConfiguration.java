package dev.orderflow.platform.outbox;

import java.util.Map;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.tracing.TraceContext;

/** The outbox writer, the processed-events ledger, the platform migrations and the Debezium relay. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "dev.orderflow.platform.PlatformAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(OutboxRelayProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxWriter outboxWriter(JdbcClient jdbc, JsonMapper json, TraceContext trace) {
        return new OutboxWriter(jdbc, json, trace);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    IdempotentConsumers idempotentConsumers(ProcessedEvents processed, JsonMapper json,
                                            PlatformTransactionManager transactions) {
        return new IdempotentConsumers(processed, json, transactions);
    }

    /** Adds the platform's own migrations (outbox, processed_events) to the service's. */
    @Bean
    FlywayConfigurationCustomizer platformMigrations() {
        return configuration -> {
            var locations = new java.util.ArrayList<>(java.util.List.of(configuration.getLocations()));
            locations.add(new org.flywaydb.core.api.Location("classpath:db/platform"));
            configuration.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
            // a platform migration added later (0_x) sorts before a service's applied ones: apply it anyway
            configuration.outOfOrder(true);
        };
    }

    @Bean
    @ConditionalOnProperty(value = "orderflow.outbox.enabled", matchIfMissing = true)
    DebeziumOutboxRelay debeziumOutboxRelay(OutboxRelayProperties properties, JdbcConnectionDetails jdbc,
                                            KafkaProperties kafka, @Value("${spring.application.name}") String appName,
                                            JdbcClient jdbcClient, ObjectProvider<MeterRegistry> meters) {
        var database = DebeziumOutboxRelay.DatabaseEndpoint.of(jdbc.getJdbcUrl(), jdbc.getUsername(), jdbc.getPassword());
        // slots are cluster-wide: name it after the database, which has exactly one outbox
        OutboxRelayProperties resolved = new OutboxRelayProperties(properties.enabled(),
                properties.source() != null ? properties.source() : "/" + appName,
                properties.slotName() != null ? properties.slotName() : database.name().replaceAll("\\W", "_") + "_outbox",
                properties.pollInterval(), properties.idleWait(), properties.offsetFlushInterval(), properties.restartBackoff(),
                properties.unhealthyAfter());
        Map<String, Object> producerConfig = kafka.buildProducerProperties();
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, appName + "-outbox-relay");
        return new DebeziumOutboxRelay(resolved, database,
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                new ParkedOutboxEvents(jdbcClient), meters.getIfAvailable());
    }

    /** {@code outboxRelay} in the readiness group (PlatformDefaults): DOWN when the relay has failed too long. */
    @Bean
    @ConditionalOnBean(DebeziumOutboxRelay.class)
    OutboxRelayHealthIndicator outboxRelayHealthIndicator(DebeziumOutboxRelay relay, JdbcClient jdbcClient) {
        return new OutboxRelayHealthIndicator(relay, new ParkedOutboxEvents(jdbcClient));
    }
}
