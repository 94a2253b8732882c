package dev.orderflow.order.orders;

import java.util.List;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.order.FieldChange;

/** What a command does to an order: the next value, the fields it changed and the event that announces it. */
public record OrderChange(Order next, List<FieldChange> changes, String eventType, String note) {

    public static OrderChange none(Order current) {
        return new OrderChange(current, List.of(), null, null);
    }

    public static OrderChange updated(Order next, String note, FieldChange... changes) {
        return new OrderChange(next, List.of(changes), EventTypes.ORDER_UPDATED, note);
    }

    public boolean isNone() {
        return changes.isEmpty();
    }

    public boolean changes(String field) {
        return changes.stream().anyMatch(c -> c.field().equals(field));
    }
}
