package dev.orderflow.dispatch;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * An in-memory span exporter for the tests: Boot's OpenTelemetry tracing hands every ended span
 * to each {@link SpanProcessor} bean, so this sees exactly what would be exported (the attributes
 * after every observation filter). Keeps the most recent {@link #KEPT} spans.
 */
class RecordedSpans implements SpanProcessor {

    private static final int KEPT = 5_000;

    private final ConcurrentLinkedDeque<SpanData> spans = new ConcurrentLinkedDeque<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        spans.addLast(span.toSpanData());
        while (spans.size() > KEPT) {
            spans.pollFirst();
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    List<SpanData> all() {
        return List.copyOf(spans);
    }
}
