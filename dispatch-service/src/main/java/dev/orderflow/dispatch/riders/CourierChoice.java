package dev.orderflow.dispatch.riders;

import org.springframework.stereotype.Component;

/** The provider a new dispatch attempt is booked with, per {@code orderflow.dispatch.riders.courier}. */
@Component
public class CourierChoice {

    private final CourierMode mode;
    private final Offers offers;

    public CourierChoice(RiderProperties properties, Offers offers) {
        this.mode = properties.courier();
        this.offers = offers;
    }

    public String provider() {
        return switch (mode) {
            case KWIK -> CourierMode.KWIK_PROVIDER;
            case IN_HOUSE -> CourierMode.IN_HOUSE_PROVIDER;
            case AUTO -> offers.freeRiderNearby() ? CourierMode.IN_HOUSE_PROVIDER : CourierMode.KWIK_PROVIDER;
        };
    }
}
