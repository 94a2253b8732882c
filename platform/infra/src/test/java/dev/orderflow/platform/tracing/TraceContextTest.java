package dev.orderflow.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The traceparent written by hand is the one OpenTelemetry's W3C propagator would write. */
class TraceContextTest {

    @ParameterizedTest(name = "sampled={0}")
    @ValueSource(booleans = {true, false})
    void theTraceparentIsTheOneTheW3cPropagatorInjects(boolean sampled) {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setSampler(sampled ? Sampler.alwaysOn() : Sampler.alwaysOff()).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        var otelTracer = sdk.getTracer("test");
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(otelTracer, current, event -> { },
                new OtelBaggageManager(current, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(sdk.getPropagators(), otelTracer);
        TraceContext trace = new TraceContext(tracer);

        assertThat(trace.currentTraceparent()).isNull();
        Span span = tracer.nextSpan().start();
        try (var inScope = tracer.withSpan(span)) {
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(span.context(), carrier, Map::put);
            assertThat(carrier.get("traceparent")).endsWith(sampled ? "-01" : "-00");
            assertThat(trace.currentTraceparent()).isEqualTo(carrier.get("traceparent"));
            assertThat(trace.currentTraceId()).isEqualTo(span.context().traceId());
        } finally {
            span.end();
        }
    }
}
