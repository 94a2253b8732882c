package dev.orderflow.order.workflow;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** Answers what the configured workflow allows; checked once at start so a typo fails the boot, not an order. */
@Component
public class Workflow {

    private final WorkflowProperties.Definition table;
    private final Set<String> statuses = new HashSet<>();
    /** The statuses each status leads to along the transitions: moves by fact only go forward. */
    private final Map<String, Set<String>> ahead = new HashMap<>();

    public Workflow(WorkflowProperties properties) {
        this.table = properties.current();
        require(table.initial() != null && !table.initial().isBlank(), "orderflow.workflow.initial is required");
        require(table.cancelled() != null && !table.cancelled().isBlank(), "orderflow.workflow.cancelled is required");
        statuses.add(table.initial());
        statuses.add(table.cancelled());
        statuses.addAll(table.terminal());
        table.transitions().forEach((from, to) -> {
            statuses.add(from);
            statuses.addAll(to);
        });
        statuses.addAll(table.dispatchMoves().values());
        for (String move : new String[] {table.paymentMove(), table.readyMove()}) {
            if (move != null) {
                statuses.add(move);
            }
        }
        require(table.terminal().contains(table.cancelled()), "the cancelled status must be terminal");
        statuses.forEach(status -> ahead.put(status, reachableFrom(status)));
    }

    private Set<String> reachableFrom(String start) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            for (String to : table.transitions().getOrDefault(queue.poll(), List.of())) {
                if (seen.add(to)) {
                    queue.add(to);
                }
            }
        }
        return seen;
    }

    public String initial() {
        return table.initial();
    }

    public String cancelled() {
        return table.cancelled();
    }

    /** The status as the workflow spells it, or empty when the workflow has no such status. */
    public Optional<String> status(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return statuses.contains(upper) ? Optional.of(upper) : Optional.empty();
    }

    public boolean isTerminal(String status) {
        return table.terminal().contains(status);
    }

    /** PATCH /status: the table's transitions, plus cancelling from any non-terminal status. */
    public boolean allows(String from, String to) {
        if (isTerminal(from)) {
            return false;
        }
        return to.equals(table.cancelled()) || table.transitions().getOrDefault(from, List.of()).contains(to);
    }

    /** The order status a dispatch status moves a non-terminal order to, if any. */
    public Optional<String> movedByDispatch(String orderStatus, String dispatchStatus) {
        return forward(orderStatus, table.dispatchMoves().get(dispatchStatus));
    }

    /** The order status a captured payment moves the order to, if the workflow has one and it lies ahead. */
    public Optional<String> movedByPayment(String orderStatus) {
        return forward(orderStatus, table.paymentMove());
    }

    /** The order status marking it ready moves the order to, if the workflow has one and it lies ahead. */
    public Optional<String> movedByReady(String orderStatus) {
        return forward(orderStatus, table.readyMove());
    }

    /**
     * Facts (paid, ready, picked up, delivered) move an order forward only: to a status the transitions
     * lead to from where it is (a status only moves reach counts as ahead of all), never back to one it
     * has passed, never out of a terminal one.
     */
    private Optional<String> forward(String orderStatus, String target) {
        if (target == null || isTerminal(orderStatus) || target.equals(orderStatus)) {
            return Optional.empty();
        }
        boolean ahead = this.ahead.getOrDefault(orderStatus, Set.of()).contains(target)
                || !this.ahead.get(table.initial()).contains(target);
        return ahead ? Optional.of(target) : Optional.empty();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Invalid workflow: " + message);
        }
    }
}
