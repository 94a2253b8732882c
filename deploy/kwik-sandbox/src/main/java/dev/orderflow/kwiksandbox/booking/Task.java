package dev.orderflow.kwiksandbox.booking;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orderflow.contracts.kwik.KwikFields;
import dev.orderflow.contracts.kwik.KwikJobStatus;

/** One Tookan job (the pickup or the delivery of a booking). Mutated only under the {@link Bookings} lock. */
public final class Task {

    public static final int PICKUP = 0;
    public static final int DELIVERY = 1;

    private final long jobId;
    private final int jobType;
    private final String jobHash;
    private final Booking booking;
    private final Instant createdAt;
    private KwikJobStatus status = KwikJobStatus.UNASSIGNED;
    private Instant statusAt;
    private Fleet.Driver driver;
    private double[] location;
    private Instant locationAt;

    Task(long jobId, int jobType, Booking booking, Instant now) {
        this.jobId = jobId;
        this.jobType = jobType;
        this.booking = booking;
        this.jobHash = Long.toHexString(Double.doubleToLongBits(Math.random()));
        this.createdAt = now;
        this.statusAt = now;
    }

    public long jobId() {
        return jobId;
    }

    public boolean isDelivery() {
        return jobType == DELIVERY;
    }

    public Booking booking() {
        return booking;
    }

    public KwikJobStatus status() {
        return status;
    }

    public Instant statusAt() {
        return statusAt;
    }

    void moveTo(KwikJobStatus next, Instant now) {
        status = next;
        statusAt = now;
        if (driver == null && next != KwikJobStatus.UNASSIGNED && next != KwikJobStatus.CANCELLED) {
            driver = Fleet.forJob(booking.delivery() == null ? jobId : booking.delivery().jobId);
        }
        double[] point = booking.pickupPlace().towards(booking.deliveryPlace(), Timeline.routeFraction(next));
        if (driver != null && point != null) {
            location = point;
        }
    }

    /** The driver reports where it is (Tookan's fleet location) without a change of status. */
    void locate(double[] point, Instant now) {
        if (driver != null && point != null) {
            location = point;
            locationAt = now;
        }
    }

    /** The task as Kwik shows it: get_task_status data and the webhook callback body (docs/kwik.md). */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(KwikFields.JOB_ID, jobId);
        view.put(KwikFields.JOB_STATUS, status.code());
        view.put(KwikFields.JOB_STATE, status.name());
        view.put(KwikFields.JOB_TYPE, jobType);
        if (booking.orderId() != null) {
            view.put(KwikFields.ORDER_ID, booking.orderId());
        }
        view.put(KwikFields.UNIQUE_ORDER_ID, booking.uniqueOrderId());
        view.put(KwikFields.JOB_HASH, jobHash);
        view.put(KwikFields.TRACKING_LINK, booking.trackingLink());
        if (driver != null) {
            view.put(KwikFields.FLEET_ID, driver.fleetId());
            view.put(KwikFields.FLEET_NAME, driver.name());
            view.put(KwikFields.FLEET_PHONE, driver.phone());
        }
        if (location != null) {
            view.put(KwikFields.FLEET_LATITUDE, location[0]);
            view.put(KwikFields.FLEET_LONGITUDE, location[1]);
        }
        view.put(KwikFields.CREATION_DATETIME, createdAt.toString());
        view.put(KwikFields.TIMESTAMP, (locationAt != null && locationAt.isAfter(statusAt) ? locationAt : statusAt).toString());
        return view;
    }
}
