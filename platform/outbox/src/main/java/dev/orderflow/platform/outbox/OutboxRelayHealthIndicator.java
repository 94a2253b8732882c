package dev.orderflow.platform.outbox;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The relay as the readiness probe sees it: DOWN once it has been failing, or waiting on Kafka,
 * for longer than {@code orderflow.outbox.unhealthy-after} — the service's changes are committed
 * but reach nobody. A short blip (a broker restart) stays UP. Details say why and what it costs.
 */
public class OutboxRelayHealthIndicator extends AbstractHealthIndicator {

    private final DebeziumOutboxRelay relay;
    private final ParkedOutboxEvents parked;

    public OutboxRelayHealthIndicator(DebeziumOutboxRelay relay, ParkedOutboxEvents parked) {
        super("Outbox relay health check failed");
        this.relay = relay;
        this.parked = parked;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Duration failing = relay.failingFor();
        boolean down = !relay.isRunning() || failing.compareTo(relay.properties().unhealthyAfter()) > 0;
        (down ? health.down() : health.up())
                .withDetail("slot", relay.properties().slotName())
                .withDetail("failingForSeconds", failing.toSeconds());
        Throwable failure = relay.lastFailure();
        if (failure != null) {
            health.withDetail("lastFailure", String.valueOf(failure.getMessage()));
        }
        try {
            health.withDetail("parkedEvents", parked.count())
                    .withDetail("retainedWalBytes", parked.retainedWalBytes(relay.properties().slotName()));
        } catch (RuntimeException e) {
            health.withDetail("database", "unreachable: " + e.getMessage());
        }
    }
}
