package dev.orderflow.order.payment;

import java.math.BigDecimal;
import java.util.UUID;

import dev.orderflow.contracts.order.PaymentStatus;

/** Captures an order's payment. The order id is the idempotency key a real provider would get. */
public interface PaymentProvider {

    PaymentStatus capture(Charge charge);

    /** What a capture asks for: the amount of one order (the payment module knows nothing else of orders). */
    record Charge(UUID orderId, BigDecimal amount, String currency) {
    }
}
