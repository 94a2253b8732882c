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
 * @param pollInterval  Debezium {@code poll.interval.ms}: how often the WAL is read while this service writes
 *                      events (and for a second after), the main latency knob (docs/performance.md)
 * @param idleWait      once this service has written no event for a second, the WAL reader sleeps until the
 *                      next one (RelayWakeup) or this long: the delay of an event written by another process
 *                      (an operator's re-send); 0 keeps Debezium's polling at {@code pollInterval}
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
        @DefaultValue("1s") Duration idleWait,
        @DefaultValue("1s") Duration offsetFlushInterval,
        @DefaultValue("2s") Duration restartBackoff,
        @DefaultValue("30s") Duration unhealthyAfter) {
}
