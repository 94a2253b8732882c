package dev.orderflow.dispatch.riders;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Haversine distance between the stops at {@code orderflow.dispatch.riders.speed-kmh}. A routing
 * engine replaces it as a {@code @Primary} {@link EtaEstimator} bean.
 */
@Component
public class StraightLineEta implements EtaEstimator {

    private final double speedKmh;

    public StraightLineEta(RiderProperties properties) {
        this.speedKmh = properties.speedKmh();
    }

    @Override
    public Duration estimate(List<Position> stops) {
        double km = 0;
        for (int i = 1; i < stops.size(); i++) {
            km += stops.get(i - 1).kmTo(stops.get(i));
        }
        return Duration.ofSeconds(Math.round(km / speedKmh * 3600));
    }
}
