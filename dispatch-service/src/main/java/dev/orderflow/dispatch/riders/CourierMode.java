package dev.orderflow.dispatch.riders;

/**
 * Which courier the gate books ({@code orderflow.dispatch.courier}): Kwik, the shop's own riders,
 * or AUTO — in-house when an available rider is near enough to the shop, else Kwik.
 */
public enum CourierMode {
    KWIK, IN_HOUSE, AUTO;

    public static final String KWIK_PROVIDER = "KWIK";
    public static final String IN_HOUSE_PROVIDER = "IN_HOUSE";
}
