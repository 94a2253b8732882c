package dev.orderflow.contracts.order;

/** One changed field of an order, as carried in {@code order.updated}. */
public record FieldChange(String field, String from, String to) {
}
