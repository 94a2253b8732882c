package dev.orderflow.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Debezium outbox relay ({@code orderflow.outbox.*}).
 *
 * @param enabled       run the relay in this process (one active relay per database: the slot admits one reader)
 * @param source        CloudEvents {@code ce_source}, e.g. {@code /order-service}
 * @param slotName      PostgreSQL replication slot (one per service database)
 * @param pollInterval  Debezium {@code poll.interval.ms}: the main latency knob (10 ms → p50 ≈ 11 ms commit→handler);
 *                      it also sets the idle cost: Debezium's queue spins the last millisecond of every
 *                      interval (up to ≈ 10 % of a core at 10 ms, ≈ 2 % at 50 ms; docs/performance.md)
 * @param offsetFlushInterval how often relayed positions are made durable; a crash resends at most this much
 * @param restartBackoff wait before restarting the engine after a failure (broker down, database restart)
 * @param unhealthyAfter a relay failing (or waiting on Kafka) for longer than this makes the service not ready
 */
@ConfigurationProperties("orderflow.outbox")
public record OutboxRelayProperties(
        @DefaultValue("true") boolean enabled,
        String source,
        String slotName,
        @DefaultValue("10ms") Duration pollInterval,
        @DefaultValue("1s") Duration offsetFlushInterval,
        @DefaultValue("2s") Duration restartBackoff,
        @DefaultValue("30s") Duration unhealthyAfter) {
}
