package dev.orderflow.dispatch.riders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.kwik.KwikFields;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.OrderGates;
import dev.orderflow.dispatch.kwik.KwikProperties;

/**
 * Keeps a dispatch's {@code etaAt} current from where its rider or courier is: before pickup via
 * the shop, after pickup straight to the customer. A new estimate is published (dispatch.updated)
 * only when it moves by {@code eta-min-change} or more, so screens are not flooded with seconds.
 */
@Component
public class Eta {

    private final EtaEstimator estimator;
    private final OrderGates gates;
    private final DispatchEvents events;
    private final Position shop;
    private final Duration minChange;

    public Eta(EtaEstimator estimator, OrderGates gates, DispatchEvents events, KwikProperties kwik,
               RiderProperties properties) {
        this.estimator = estimator;
        this.gates = gates;
        this.events = events;
        this.shop = new Position(kwik.pickup().latitude(), kwik.pickup().longitude());
        this.minChange = properties.etaMinChange();
    }

    /** {@code locked}: the dispatch, locked in the caller's transaction. Returns it, changed or not. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Dispatch update(Dispatch locked, Position at) {
        if (locked.status() == null || !locked.status().isActive()) {
            return locked;
        }
        Optional<Position> customer = gates.find(locked.orderId()).flatMap(Eta::deliveryStop);
        if (customer.isEmpty()) {
            return locked;
        }
        boolean beforePickup = locked.status() == DispatchStatus.BOOKED || locked.status() == DispatchStatus.ASSIGNED;
        List<Position> stops = beforePickup ? List.of(at, shop, customer.get()) : List.of(at, customer.get());
        Instant etaAt = Instant.now().plus(estimator.estimate(stops)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (locked.etaAt() != null && Duration.between(locked.etaAt(), etaAt).abs().compareTo(minChange) < 0) {
            return locked;
        }
        return events.etaChanged(locked, etaAt, "ETA from the " + (CourierMode.IN_HOUSE_PROVIDER.equals(locked.provider())
                ? "rider's" : "courier's") + " position");
    }

    private static Optional<Position> deliveryStop(OrderGates.Gate gate) {
        return gate.delivery().get(KwikFields.LATITUDE) instanceof Number lat
                && gate.delivery().get(KwikFields.LONGITUDE) instanceof Number lng
                ? Optional.of(new Position(lat.doubleValue(), lng.doubleValue())) : Optional.empty();
    }
}
