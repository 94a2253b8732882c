package dev.orderflow.realtime.transport;

/** A token bucket: {@code perSecond} sustained, twice that as a burst. Thread-safe. */
public final class RateLimit {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos = System.nanoTime();

    public RateLimit(int perSecond) {
        this.perSecond = perSecond;
        this.burst = perSecond * 2.0;
        this.tokens = burst;
    }

    /** Takes {@code count} tokens; false when the caller is over its rate. */
    public synchronized boolean tryAcquire(int count) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
        if (tokens < count) {
            return false;
        }
        tokens -= count;
        return true;
    }
}
