package dev.orderflow.realtime.view;

/**
 * A live change of an order the view just applied, published (synchronously, before its fan-out) to
 * whoever must react to it: the socket sessions re-check who may still see it, and joins that
 * waited for the order are answered. An event, so the log
 * reader need not know the socket protocol.
 */
public record OrderChanged(TrackedOrder order) {
}
