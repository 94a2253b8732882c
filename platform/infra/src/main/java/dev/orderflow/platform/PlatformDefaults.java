package dev.orderflow.platform;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence (a service's own properties and the
 * environment override them): sample every trace (one trace per story, docs/design.md rule 8),
 * continue traces through Kafka listeners and templates, let listeners poll every 20 ms at most and
 * commit once a second, expose health probes and Prometheus, log JSON lines.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("management.tracing.sampling.probability", "1.0"),
            Map.entry("spring.kafka.listener.observation-enabled", "true"),
            Map.entry("spring.kafka.template.observation-enabled", "true"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus,openapi,swagger-ui"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.health.livenessstate.enabled", "true"),
            Map.entry("management.health.readinessstate.enabled", "true"),
            // ready = accepting traffic AND the pipelines work: the outbox relay (services with a
            // database), the gateway's event log and view (realtime-service); absent ones are skipped
            Map.entry("management.endpoint.health.group.readiness.include", "readinessState,outboxRelay,eventLog"),
            Map.entry("management.endpoint.health.validate-group-membership", "false"),
            Map.entry("spring.threads.virtual.enabled", "true"),
            Map.entry("server.shutdown", "graceful"),
            // listeners commit their offsets at most once a second, not after every poll (at low rates that was
            // a commit per record, a third of the broker's CPU); a restart redelivers what followed the last
            // commit and every consumer de-duplicates by event id (docs/design.md rule 3, docs/performance.md)
            Map.entry("spring.kafka.listener.ack-mode", "time"),
            Map.entry("spring.kafka.listener.ack-time", "1s"),
            // and pause 20 ms between polls, so that at low rates a poll brings a few records instead of
            // one (a fetch + poll cycle per record cost more than the record's work). The status REST → socket
            // path has no listener (the gateway reads with its own consumer); dispatch news reach sockets up to
            // 20 ms later. Idle, a listener still waits in its fetch, so this costs no idle CPU.
            Map.entry("spring.kafka.listener.idle-between-polls", "20ms"),
            // operators' logs are JSON with traceId/spanId (from the MDC) and our key-values (docs/contract.md §7)
            Map.entry("logging.structured.format.console", "logstash"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new java.util.HashMap<>(DEFAULTS);
        if (environment.getProperty("management.server.port") != null) {
            // API docs and Swagger UI live on the management port with the probes and metrics
            defaults.put("springdoc.use-management-port", "true");
        }
        environment.getPropertySources().addLast(new MapPropertySource("orderflowPlatformDefaults", defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
