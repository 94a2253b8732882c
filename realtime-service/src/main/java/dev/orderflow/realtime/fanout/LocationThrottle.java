package dev.orderflow.realtime.fanout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most one {@code driver:location:update} per order per {@code orderflow.realtime.location-interval}
 * (1 s by default), whichever courier the positions come from: screens move a marker, they do not
 * need every GPS fix. Positions inside the interval are dropped, the next one after it goes out.
 */
@Component
public class LocationThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final long intervalNanos;
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();

    public LocationThrottle(@Value("${orderflow.realtime.location-interval:1s}") Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    public boolean admit(String orderId) {
        if (intervalNanos <= 0) {
            return true;
        }
        if (lastSent.size() > MAX_TRACKED) {
            lastSent.clear(); // bounded memory; at worst one extra update per order
        }
        long now = System.nanoTime();
        boolean[] admitted = {false};
        lastSent.compute(orderId, (id, last) -> {
            if (last == null || now - last >= intervalNanos) {
                admitted[0] = true;
                return now;
            }
            return last;
        });
        return admitted[0];
    }
}
