package dev.orderflow.order.payment;

import dev.orderflow.contracts.order.PaymentStatus;
import dev.orderflow.order.orders.Order;

/** Captures an order's payment. The order id is the idempotency key a real provider would get. */
public interface PaymentProvider {

    PaymentStatus capture(Order order);
}
