package dev.orderflow.contracts.order;

/** Whether an order may be booked with a courier: paid AND ready (and not cancelled). */
public record DispatchGate(boolean paid, boolean ready, boolean open) {
}
