package dev.orderflow.dispatch.gate;

import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.dispatch.booking.Bookings;
import dev.orderflow.dispatch.booking.Cancellations;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.platform.outbox.ProcessedEvents;

/**
 * orders.events → the gate. The gate decision commits with the processed-event mark; the courier
 * call happens after the commit, on this thread, so the order's trace reaches Kwik. A crash in
 * between leaves a REQUESTED dispatch that the booking sweeper picks up.
 */
@Component
public class OrdersEventsListener {

    static final String CONSUMER = "dispatch-service.orders";

    private final ProcessedEvents processed;
    private final DispatchGate gate;
    private final Bookings bookings;
    private final Cancellations cancellations;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public OrdersEventsListener(ProcessedEvents processed, DispatchGate gate, Bookings bookings,
                                Cancellations cancellations, TransactionTemplate tx, JsonMapper json) {
        this.processed = processed;
        this.gate = gate;
        this.bookings = bookings;
        this.cancellations = cancellations;
        this.tx = tx;
        this.json = json;
    }

    @KafkaListener(topics = Topics.ORDERS_EVENTS, groupId = "dispatch-service-gate")
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith("order.")) {
            return; // e.g. notification.created: not an order snapshot
        }
        OrderSnapshot order = json.readValue(event.data(), OrderSnapshot.class);
        boolean cancelled = EventTypes.ORDER_CANCELLED.equals(event.type()) || order.cancelledAt() != null;
        Optional<UUID> toBook = tx.execute(status -> processed.firstDelivery(CONSUMER, event.id())
                ? gate.onOrder(OrderGates.of(order, cancelled))
                : Optional.<UUID>empty());
        toBook.ifPresent(bookings::book);
        if (cancelled) {
            cancellations.cancelForCancelledOrder(UUID.fromString(order.id()), order.reason());
        }
    }
}
