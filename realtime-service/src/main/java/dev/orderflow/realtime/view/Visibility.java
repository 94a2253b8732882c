package dev.orderflow.realtime.view;

import dev.orderflow.platform.security.Caller;

/** Who may see an order (docs/contract.md §1): staff all; a customer its own; an agent those assigned to it. */
public final class Visibility {

    private Visibility() {
    }

    public static boolean canSee(Caller caller, TrackedOrder order) {
        return caller.isStaff()
                || caller.isCustomer() && caller.userId().equals(order.customerId())
                || caller.isAgent() && caller.userId().equals(order.agentId());
    }
}
