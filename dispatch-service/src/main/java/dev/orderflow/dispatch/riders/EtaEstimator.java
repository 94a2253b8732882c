package dev.orderflow.dispatch.riders;

import java.time.Duration;
import java.util.List;

/**
 * How long a rider needs along {@code stops} (its position first). The shipped estimator is a
 * straight line at an average speed; a routing engine (OSRM, Valhalla, a maps API) plugs in as
 * another bean of this type.
 */
public interface EtaEstimator {

    Duration estimate(List<Position> stops);
}
