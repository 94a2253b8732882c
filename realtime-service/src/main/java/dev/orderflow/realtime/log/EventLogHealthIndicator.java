package dev.orderflow.realtime.log;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.orderflow.realtime.view.OrderView;

/**
 * {@code eventLog} in the readiness group: the gateway is not ready until its view of
 * orders.events is rebuilt (a client reconnecting earlier would be told it missed nothing), nor
 * while its log reader is failing and restarting (it would emit nothing).
 */
@Component("eventLogHealthIndicator")
public class EventLogHealthIndicator extends AbstractHealthIndicator {

    private final EventLogReader reader;
    private final OrderView view;

    public EventLogHealthIndicator(EventLogReader reader, OrderView view) {
        super("Event log health check failed");
        this.reader = reader;
        this.view = view;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Duration failing = reader.failingFor();
        boolean up = view.isReady() && reader.isLive() && failing.isZero() && reader.isRunning();
        (up ? health.up() : health.down())
                .withDetail("viewRebuilt", view.isReady())
                .withDetail("failingForSeconds", failing.toSeconds())
                .withDetail("restarts", reader.restarts())
                .withDetail("cursor", view.cursor().encode());
        Throwable failure = reader.lastFailure();
        if (!failing.isZero() && failure != null) {
            health.withDetail("lastFailure", failure.toString());
        }
    }
}
