package dev.orderflow.contracts.order;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an order change means to the customer, in the customer's words (docs/contract.md §2 history,
 * §5 {@code order_update}): "Payment received", "Your order is ready", "Ibrahim Musa is on the way".
 * One place for the words, so the tracking page's timeline and the mobile protocol say the same thing.
 * Changes a customer need not hear about (an ETA refresh) have no words ({@code null}).
 */
public final class CustomerWords {

    /** The statuses of the default workflow; any other status reads "Your order is now in progress" etc. */
    private static final Map<String, String> STATUS = Map.of(
            "PENDING", "Order placed",
            "CONFIRMED", "Order confirmed",
            "PREPARING", "We are preparing your order",
            "READY", "Your order is ready",
            "OUT_FOR_DELIVERY", "Your order is on the way",
            "DELIVERED", "Delivered",
            "CANCELLED", "Order cancelled");

    /** Which change speaks for a change that touched several fields: the fact before its consequence. */
    private static final List<String> PRECEDENCE = List.of("paymentStatus", "readyForDispatch", "dispatchStatus", "status");

    private CustomerWords() {
    }

    /**
     * The words for one change (all its fields), or null when it is nothing to tell the customer.
     *
     * @param rider the rider's name at the time of the change, if any
     */
    public static String of(List<FieldChange> changes, String rider) {
        if (changes == null) {
            return null;
        }
        for (String field : PRECEDENCE) {
            for (FieldChange change : changes) {
                if (field.equals(change.field())) {
                    String words = of(change, rider);
                    if (words != null) {
                        return words;
                    }
                }
            }
        }
        return null;
    }

    /** The words for one field's change, or null. */
    public static String of(FieldChange change, String rider) {
        if (change.to() == null || change.to().equals(change.from())) {
            return null;
        }
        return switch (change.field()) {
            case "status" -> change.from() == null ? "Order placed" : status(change.to());
            case "paymentStatus" -> switch (change.to()) {
                case "PAID" -> "Payment received";
                case "REFUNDED" -> "Payment refunded";
                case "FAILED" -> "Payment failed";
                default -> null;
            };
            case "readyForDispatch" -> "true".equals(change.to()) ? "Your order is ready" : null;
            case "dispatchStatus" -> dispatch(change.to(), rider);
            default -> null;
        };
    }

    /** The words for an order in {@code status}: the current state of {@code order_update} on subscribe. */
    public static String status(String status) {
        if (status == null) {
            return null;
        }
        String known = STATUS.get(status);
        return known != null ? known : "Your order is now " + status.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String dispatch(String status, String rider) {
        String who = rider == null || rider.isBlank() ? "Your rider" : rider;
        return switch (status) {
            case "BOOKED" -> "We are finding a rider";
            case "ASSIGNED" -> who + " will deliver your order";
            case "PICKED_UP" -> who + " picked up your order and is on the way";
            case "IN_TRANSIT" -> who + " is on the way to you";
            case "DELIVERED" -> "Delivered";
            case "FAILED", "CANCELED" -> "We are arranging another rider";
            default -> null;
        };
    }
}
