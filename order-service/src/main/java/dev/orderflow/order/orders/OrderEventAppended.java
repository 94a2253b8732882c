package dev.orderflow.order.orders;

import dev.orderflow.contracts.order.OrderSnapshot;

/**
 * An {@code orders.events} event was written in the current transaction (published synchronously,
 * inside it, by {@link OrderEvents}).
 *
 * @param eventId its CloudEvents id
 * @param type    {@code order.created}, {@code order.updated} or {@code order.cancelled}
 * @param order   its data
 */
public record OrderEventAppended(String eventId, String type, OrderSnapshot order) {
}
