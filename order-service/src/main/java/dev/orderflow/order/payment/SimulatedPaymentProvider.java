package dev.orderflow.order.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.order.PaymentStatus;

/**
 * The simulated provider the issue asks for: every capture succeeds. A real provider (Paystack,
 * Flutterwave…) replaces this bean; it must be idempotent on the order id, as the call may be retried.
 */
@Component
public class SimulatedPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentProvider.class);

    @Override
    public PaymentStatus capture(Charge charge) {
        log.atInfo().addKeyValue("orderId", charge.orderId()).log("Simulated capture of {} {}", charge.amount(), charge.currency());
        return PaymentStatus.PAID;
    }
}
