package dev.orderflow.contracts.order;

public enum PaymentStatus {
    PENDING, PAID, FAILED, REFUNDED
}
