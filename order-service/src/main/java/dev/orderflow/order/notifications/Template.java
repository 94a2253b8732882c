package dev.orderflow.order.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.OrderSnapshot;

/** A rule's text with {@code {field}} placeholders filled from the order (docs/notifications.md lists them). */
record Template(String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** The fields a template may use. */
    static final Set<String> FIELDS = Set.of("displayId", "orderId", "status", "previousStatus", "customerId",
            "total", "currency", "itemCount", "items", "riderName", "etaAt", "reason", "attempt",
            "paymentStatus", "dispatchStatus", "address");

    /** The template, or an exception naming the first unknown field (so a typo fails the boot). */
    static Template compile(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new IllegalStateException(where + " is required");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!FIELDS.contains(m.group(1))) {
                throw new IllegalStateException(where + " uses {" + m.group(1) + "}; known fields: " + FIELDS);
            }
        }
        return new Template(text);
    }

    String render(Map<String, String> fields) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                Objects.requireNonNullElse(fields.get(m.group(1)), "")));
    }

    /** The order's fields as text; {@code previousStatus} is the status the change left. */
    static Map<String, String> fields(OrderSnapshot o, String previousStatus) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("displayId", o.displayId());
        f.put("orderId", o.id());
        f.put("status", humane(o.status()));
        f.put("previousStatus", humane(previousStatus));
        f.put("customerId", o.customerId());
        f.put("total", o.total() == null ? null : o.total().toPlainString());
        f.put("currency", o.currency());
        List<OrderItem> items = o.items() == null ? List.of() : o.items();
        f.put("itemCount", String.valueOf(items.stream().mapToInt(OrderItem::quantity).sum()));
        f.put("items", items.stream().map(i -> i.quantity() + " × " + i.name()).collect(Collectors.joining(", ")));
        f.put("paymentStatus", o.paymentStatus() == null ? null : humane(o.paymentStatus().name()));
        f.put("reason", o.reason());
        f.put("address", o.deliveryAddress() == null ? null
                : o.deliveryAddress().line1() + ", " + o.deliveryAddress().city());
        if (o.dispatch() != null) {
            var d = o.dispatch();
            f.put("dispatchStatus", d.status() == null ? null : humane(d.status().name()));
            f.put("riderName", d.driver() == null ? null : d.driver().name());
            f.put("etaAt", d.etaAt() == null ? null : d.etaAt().toString());
            f.put("attempt", String.valueOf(d.attempt()));
        }
        return f;
    }

    /** {@code OUT_FOR_DELIVERY} → {@code out for delivery}. */
    private static String humane(String status) {
        return status == null ? null : status.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
