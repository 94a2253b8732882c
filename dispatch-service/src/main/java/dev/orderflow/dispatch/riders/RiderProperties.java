package dev.orderflow.dispatch.riders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.dispatch.riders.*}: the in-house fleet.
 *
 * @param courier           which courier the gate books (KWIK, IN_HOUSE, AUTO)
 * @param maxDistanceKm     a rider farther than this from the shop is not offered jobs (and AUTO books Kwik)
 * @param offerTimeout      an offer not accepted within this goes to the next rider
 * @param onlineWithin      a rider not heard from for this long is offline, whatever it said
 * @param speedKmh          the riders' average speed, for the straight-line ETA
 * @param etaMinChange      a new ETA is published only when it moves by at least this
 * @param locationsPerSecond positions one rider may send per second (twice that as a burst)
 */
@ConfigurationProperties("orderflow.dispatch.riders")
public record RiderProperties(
        @DefaultValue("KWIK") CourierMode courier,
        @DefaultValue("8") double maxDistanceKm,
        @DefaultValue("45s") Duration offerTimeout,
        @DefaultValue("2m") Duration onlineWithin,
        @DefaultValue("20") double speedKmh,
        @DefaultValue("1m") Duration etaMinChange,
        @DefaultValue("2") int locationsPerSecond) {
}
