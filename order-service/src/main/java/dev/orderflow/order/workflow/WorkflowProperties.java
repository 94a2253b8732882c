package dev.orderflow.order.workflow;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Order status workflows as configuration: a shop with another process (approve → assign → in
 * progress → revision → complete) defines or picks its table instead of forking code.
 *
 * @param active      the name of the definition in use
 * @param definitions workflows by name
 */
@ConfigurationProperties("orderflow.workflow")
public record WorkflowProperties(String active, Map<String, Definition> definitions) {

    public WorkflowProperties {
        definitions = definitions == null ? Map.of() : Map.copyOf(definitions);
    }

    /** The definition in use; a missing one fails the start, not an order. */
    public Definition current() {
        Definition definition = definitions.get(active);
        if (definition == null) {
            throw new IllegalStateException("orderflow.workflow.active=" + active + " names no definition; known: "
                    + definitions.keySet());
        }
        return definition;
    }

    /**
     * @param initial       status of a new order
     * @param cancelled     the status {@code POST /cancel} moves to; reachable from every non-terminal status
     * @param terminal      statuses nothing leaves
     * @param transitions   status → statuses it may move to by {@code PATCH /status}
     * @param dispatchMoves dispatch status → order status it moves the order to
     * @param paymentMove   the status a captured payment moves the order to (none when absent)
     * @param readyMove     the status marking the order ready moves it to (none when absent)
     */
    public record Definition(String initial, String cancelled, List<String> terminal,
                             Map<String, List<String>> transitions, Map<String, String> dispatchMoves,
                             String paymentMove, String readyMove) {

        @ConstructorBinding
        public Definition {
            terminal = terminal == null ? List.of() : List.copyOf(terminal);
            transitions = transitions == null ? Map.of() : Map.copyOf(transitions);
            dispatchMoves = dispatchMoves == null ? Map.of() : Map.copyOf(dispatchMoves);
        }

        /** A definition without payment and ready moves (tests, older configurations). */
        public Definition(String initial, String cancelled, List<String> terminal,
                          Map<String, List<String>> transitions, Map<String, String> dispatchMoves) {
            this(initial, cancelled, terminal, transitions, dispatchMoves, null, null);
        }
    }
}
