package dev.orderflow.platform.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class CallerLimitsTest {

    @Test
    void eachCallerHasItsOwnBudget() {
        CallerLimits limits = new CallerLimits(3, Duration.ofMinutes(1), 100);
        assertThat(limits.tryAcquire("a")).isTrue();
        assertThat(limits.tryAcquire("a")).isTrue();
        assertThat(limits.tryAcquire("a")).isTrue();
        assertThat(limits.tryAcquire("a")).as("over budget").isFalse();
        assertThat(limits.tryAcquire("b")).isTrue();
        assertThat(limits.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void rotatingCallersCannotGrowTheMap() {
        CallerLimits limits = new CallerLimits(3, Duration.ofSeconds(1), 1_000);
        for (int i = 0; i < 50_000; i++) {
            limits.tryAcquire("ip:10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(limits.trackedCallers()).isLessThanOrEqualTo(1_000);
    }
}
