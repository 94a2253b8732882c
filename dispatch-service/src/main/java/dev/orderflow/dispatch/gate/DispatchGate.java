package dev.orderflow.dispatch.gate;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.dispatch.dispatches.OrderGates;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.riders.CourierChoice;

/**
 * The payment-and-ready gate (docs/design.md rule 6): an order gets a booking exactly when it is PAID,
 * ready, not cancelled and has never had a dispatch — whichever fact came last, however often
 * repeated. The order's gate row is locked while deciding, so concurrent deliveries of the two
 * facts serialise; the unique index on active dispatches backs it up. Later attempts are
 * re-dispatches, asked for by staff, never automatic.
 */
@Service
public class DispatchGate {

    private final OrderGates gates;
    private final DispatchRepository dispatches;
    private final CourierChoice courier;

    public DispatchGate(OrderGates gates, DispatchRepository dispatches, CourierChoice courier) {
        this.gates = gates;
        this.dispatches = dispatches;
        this.courier = courier;
    }

    /** Records the order's state; returns the dispatch to book if this fact opened the gate. */
    @Transactional
    public Optional<UUID> onOrder(OrderGates.Gate incoming) {
        OrderGates.Gate gate = gates.upsertAndLock(incoming);
        if (!gate.open() || dispatches.attempts(gate.orderId()) > 0) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        return dispatches.insertRequested(id, gate.orderId(), 1, courier.provider()) ? Optional.of(id) : Optional.empty();
    }
}
