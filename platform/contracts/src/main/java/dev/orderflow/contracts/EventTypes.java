package dev.orderflow.contracts;

/** CloudEvents {@code ce_type} values (docs/contract.md §4). */
public final class EventTypes {

    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_UPDATED = "order.updated";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String DISPATCH_BOOKED = "dispatch.booked";
    public static final String DISPATCH_UPDATED = "dispatch.updated";
    public static final String DISPATCH_FAILED = "dispatch.failed";
    public static final String COURIER_STATUS = "courier.status";
    public static final String COURIER_LOCATION = "courier.location";
    /** A stored notification, on {@code orders.events} keyed by its order; not an order snapshot. */
    public static final String NOTIFICATION_CREATED = "notification.created";

    private EventTypes() {
    }
}
