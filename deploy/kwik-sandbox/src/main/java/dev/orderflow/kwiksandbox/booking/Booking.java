package dev.orderflow.kwiksandbox.booking;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One create_task_via_vendor call: a pickup task and a delivery task under one unique_order_id. */
public final class Booking {

    private final String uniqueOrderId;
    private final String orderId;
    private final Place pickupPlace;
    private final Place deliveryPlace;
    private final String trackingLink;
    private final String traceparent;
    final Task pickup;
    final Task delivery;

    Booking(String uniqueOrderId, String orderId, Place pickupPlace, Place deliveryPlace, String trackingLink,
            long pickupJobId, long deliveryJobId, Instant now, String traceparent) {
        this.traceparent = traceparent;
        this.uniqueOrderId = uniqueOrderId;
        this.orderId = orderId;
        this.pickupPlace = pickupPlace;
        this.deliveryPlace = deliveryPlace;
        this.trackingLink = trackingLink;
        this.delivery = new Task(deliveryJobId, Task.DELIVERY, this, now);
        this.pickup = new Task(pickupJobId, Task.PICKUP, this, now);
    }

    public String uniqueOrderId() {
        return uniqueOrderId;
    }

    public String orderId() {
        return orderId;
    }

    public Place pickupPlace() {
        return pickupPlace;
    }

    public Place deliveryPlace() {
        return deliveryPlace;
    }

    public String trackingLink() {
        return trackingLink;
    }

    public Task pickup() {
        return pickup;
    }

    public Task delivery() {
        return delivery;
    }

    /** The control API's view: camelCase wrapper around the two Kwik task views. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uniqueOrderId", uniqueOrderId);
        view.put("orderId", orderId);
        view.put("pickup", pickup.view());
        view.put("delivery", delivery.view());
        view.put("traceparent", traceparent);
        return view;
    }
}
