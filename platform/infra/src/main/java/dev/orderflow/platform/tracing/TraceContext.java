package dev.orderflow.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;


/**
 * The current trace, as a W3C {@code traceparent} to store beside an outbox row (so the
 * relay can hand it to Kafka) and as a bare trace id for payloads and problem bodies.
 */

public class TraceContext {

    private final Tracer tracer;

    public TraceContext(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The W3C traceparent of the current span, or null outside any trace. Written here rather than
     * through the propagators (which also build baggage headers we do not keep): it is asked for on
     * every request and every outbox event.
     */
    public String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** The trace id of the current span, or null outside any trace. */
    public String currentTraceId() {
        Span span = tracer.currentSpan();
        return span == null ? null : span.context().traceId();
    }
}
