package dev.orderflow.order.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.OrderSnapshot;

/**
 * Something that happened to an order that a rule can name. All but {@code otp.locked} are read
 * off the consolidated order's events (dispatch news is folded into {@code order.updated}, so
 * {@code changes} tells what moved); {@code otp.locked} comes from the OTP check's answer.
 *
 * @param name   e.g. {@code order.status_changed}, {@code dispatch.assigned}
 * @param status for {@code order.status_changed}: the new status
 */
public record Trigger(String name, String status) {

    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_STATUS_CHANGED = "order.status_changed";
    public static final String ORDER_CANCELLED = "order.cancelled";
    public static final String PAYMENT_CAPTURED = "payment.captured";
    public static final String OTP_LOCKED = "otp.locked";
    private static final String DISPATCH_PREFIX = "dispatch.";

    /** Every name a rule may use. */
    public static final Set<String> NAMES = Set.of(ORDER_CREATED, ORDER_STATUS_CHANGED, ORDER_CANCELLED,
            PAYMENT_CAPTURED, OTP_LOCKED, "dispatch.booked", "dispatch.assigned", "dispatch.picked_up",
            "dispatch.in_transit", "dispatch.delivered", "dispatch.failed", "dispatch.canceled");

    /** What one {@code orders.events} record means, in trigger terms (none for other types). */
    public static List<Trigger> of(String eventType, OrderSnapshot order) {
        List<Trigger> triggers = new ArrayList<>();
        switch (eventType) {
            case EventTypes.ORDER_CREATED -> triggers.add(new Trigger(ORDER_CREATED, order.status()));
            case EventTypes.ORDER_CANCELLED -> triggers.add(new Trigger(ORDER_CANCELLED, order.status()));
            case EventTypes.ORDER_UPDATED -> {
                for (FieldChange change : order.changes() == null ? List.<FieldChange>of() : order.changes()) {
                    if (change.to() == null || change.to().equals(change.from())) {
                        continue; // a detail update (driver, ETA) is not news for a person
                    }
                    switch (change.field()) {
                        case "status" -> triggers.add(new Trigger(ORDER_STATUS_CHANGED, change.to()));
                        case "paymentStatus" -> {
                            if ("PAID".equals(change.to())) {
                                triggers.add(new Trigger(PAYMENT_CAPTURED, order.status()));
                            }
                        }
                        case "dispatchStatus" -> triggers.add(new Trigger(
                                DISPATCH_PREFIX + change.to().toLowerCase(Locale.ROOT), order.status()));
                        default -> { }
                    }
                }
            }
            default -> { }
        }
        return triggers;
    }
}
