package dev.orderflow.contracts;

/** Kafka topic names. Every record is keyed by orderId so one order's events stay in order. */
public final class Topics {

    public static final String ORDERS_EVENTS = "orders.events";
    public static final String DISPATCH_EVENTS = "dispatch.events";
    public static final String COURIER_EVENTS = "courier.events";
    public static final String COURIER_LOCATIONS = "courier.locations";

    public static final String[] ALL = {ORDERS_EVENTS, DISPATCH_EVENTS, COURIER_EVENTS, COURIER_LOCATIONS};

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }
}
