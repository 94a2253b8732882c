package dev.orderflow.realtime.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.namespace.Namespace;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The gateway's meters (docs/contract.md §7): {@code gateway.connections}, {@code gateway.rooms},
 * {@code gateway.emits{event}} (rate = emits/s), {@code gateway.event.emit.latency} (event time →
 * handed to the sockets), {@code gateway.catchups{recovered}}, {@code gateway.slow.consumer.disconnects{reason}},
 * {@code gateway.log.reader.restarts}, {@code gateway.connects.refused{endpoint,reason}} (connect rate limits).
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Timer latency;

    public GatewayMetrics(MeterRegistry registry, SocketIOServer server) {
        this.registry = registry;
        this.latency = Timer.builder("gateway.event.emit.latency")
                .description("Event time (ce_time) → emitted to the sockets").publishPercentileHistogram()
                .register(registry);
        Gauge.builder("gateway.connections", server, s -> s.getAllClients().size())
                .description("Open Socket.IO connections").register(registry);
        Gauge.builder("gateway.rooms", server, s -> ((Namespace) s.getNamespace(Namespace.DEFAULT_NAME)).getRooms().size())
                .description("Rooms with at least one client").register(registry);
        // registered up front so a dashboard shows 0, not "no data", before the first one
        List.of("true", "false").forEach(r -> registry.counter("gateway.catchups", "recovered", r));
        List.of("buffer", "queue").forEach(r -> registry.counter("gateway.slow.consumer.disconnects", "reason", r));
        registry.counter("gateway.log.reader.restarts");
    }

    public void emitted(String event, Instant occurredAt) {
        registry.counter("gateway.emits", "event", event).increment();
        if (occurredAt != null) {
            latency.record(Duration.between(occurredAt, Instant.now()));
        }
    }

    public void catchUp(boolean recovered) {
        registry.counter("gateway.catchups", "recovered", String.valueOf(recovered)).increment();
    }

    /** {@code reason}: {@code buffer} (socket buffer over budget) or {@code queue} (a poller's packet queue). */
    public void slowConsumerDisconnected(String reason) {
        registry.counter("gateway.slow.consumer.disconnects", "reason", reason).increment();
    }

    /** A new socket connection refused by the connect rate limit ({@code reason}: address or total). */
    public void connectRefused(String endpoint, String reason) {
        registry.counter("gateway.connects.refused", "endpoint", endpoint, "reason", reason).increment();
    }

    public void logReaderRestarted() {
        registry.counter("gateway.log.reader.restarts").increment();
    }
}
