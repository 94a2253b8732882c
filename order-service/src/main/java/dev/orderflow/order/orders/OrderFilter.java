package dev.orderflow.order.orders;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.orderflow.platform.security.Caller;

/**
 * Which orders a list call returns: what the caller may see (docs/contract.md §1) narrowed by the
 * query's status (an order status or a dispatch status) and {@code updatedSince}.
 */
public record OrderFilter(Caller caller, String orderStatus, String dispatchStatus, Instant updatedSince) {

    String where(List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (!caller.isStaff()) {
            List<String> own = new ArrayList<>();
            if (caller.isCustomer()) {
                own.add("customer_id = ?");
                params.add(caller.userId());
            }
            if (caller.isAgent()) {
                own.add("agent_id = ?");
                params.add(caller.userId());
            }
            clauses.add(own.isEmpty() ? "false" : "(" + String.join(" OR ", own) + ")");
        }
        if (orderStatus != null) {
            clauses.add("status = ?");
            params.add(orderStatus);
        }
        if (dispatchStatus != null) {
            clauses.add("dispatch_status = ?");
            params.add(dispatchStatus);
        }
        if (updatedSince != null) {
            // >= not >: a poller passing the last updatedAt it saw may get that order again, never miss one
            clauses.add("updated_at >= ?");
            params.add(Timestamp.from(updatedSince));
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }
}
