package dev.orderflow.order.notifications;

import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.OrderSnapshot;

/** The plain-text e-mail: the rule's message, then the order summary. */
final class MailBody {

    private MailBody() {
    }

    static String of(String message, OrderSnapshot o) {
        StringBuilder b = new StringBuilder(message).append("\n\nOrder ").append(o.displayId()).append('\n');
        if (o.items() != null) {
            for (OrderItem i : o.items()) {
                b.append("  ").append(i.quantity()).append(" × ").append(i.name()).append("  ")
                        .append(i.unitPrice().toPlainString()).append(' ').append(o.currency()).append('\n');
            }
        }
        b.append("Subtotal ").append(o.subtotal()).append(' ').append(o.currency()).append('\n');
        b.append("Tax      ").append(o.tax()).append(' ').append(o.currency()).append('\n');
        b.append("Total    ").append(o.total()).append(' ').append(o.currency()).append('\n');
        if (o.deliveryAddress() != null) {
            b.append("Delivered to ").append(o.deliveryAddress().line1()).append(", ").append(o.deliveryAddress().city())
                    .append('\n');
        }
        return b.toString();
    }
}
