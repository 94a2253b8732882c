package dev.orderflow.platform.web;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * One request budget per caller key (a JWT subject, an address). The keys live in a bounded cache
 * that forgets a caller idle for a few periods, so an attacker rotating addresses or subjects
 * cannot grow it without limit (at most {@code maxCallers} entries; the least recently used go first).
 */
public class CallerLimits {

    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters;
    private final long retryAfterSeconds;

    public CallerLimits(int requests, Duration period, long maxCallers) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        // a caller idle for longer than this has a full budget again anyway: forgetting it changes nothing
        Duration idle = period.multipliedBy(2).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : period.multipliedBy(2);
        this.limiters = Caffeine.newBuilder().maximumSize(maxCallers).expireAfterAccess(idle).build();
        this.retryAfterSeconds = Math.max(1, period.toSeconds());
    }

    /** True when {@code key} may go on; false when it is over budget. */
    public boolean tryAcquire(String key) {
        return limiters.get(key, k -> RateLimiter.of(k, config)).acquirePermission();
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** How many callers are tracked now (for tests and a gauge). */
    public long trackedCallers() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }
}
