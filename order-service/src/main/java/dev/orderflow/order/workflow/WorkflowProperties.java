package dev.orderflow.order.workflow;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The order status workflow as configuration: a shop with another process (approve → assign →
 * in progress → revision → complete) writes its own table instead of forking code.
 *
 * @param initial       status of a new order
 * @param cancelled     the status {@code POST /cancel} moves to; reachable from every non-terminal status
 * @param terminal      statuses nothing leaves
 * @param transitions   status → statuses it may move to by {@code PATCH /status}
 * @param dispatchMoves dispatch status → order status it moves the order to
 */
@ConfigurationProperties("orderflow.workflow")
public record WorkflowProperties(String initial, String cancelled, List<String> terminal,
                                 Map<String, List<String>> transitions, Map<String, String> dispatchMoves) {

    public WorkflowProperties {
        terminal = terminal == null ? List.of() : List.copyOf(terminal);
        transitions = transitions == null ? Map.of() : Map.copyOf(transitions);
        dispatchMoves = dispatchMoves == null ? Map.of() : Map.copyOf(dispatchMoves);
    }
}
