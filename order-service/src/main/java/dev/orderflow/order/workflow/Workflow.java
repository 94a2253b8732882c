package dev.orderflow.order.workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** Answers what the configured workflow allows; checked once at start so a typo fails the boot, not an order. */
@Component
public class Workflow {

    private final WorkflowProperties.Definition table;
    private final Set<String> statuses = new HashSet<>();

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
        require(table.terminal().contains(table.cancelled()), "the cancelled status must be terminal");
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
        String target = table.dispatchMoves().get(dispatchStatus);
        if (target == null || isTerminal(orderStatus) || target.equals(orderStatus)) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Invalid workflow: " + message);
        }
    }
}
