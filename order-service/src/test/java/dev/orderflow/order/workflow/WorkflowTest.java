package dev.orderflow.order.workflow;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workflow table's rules, without Spring. */
class WorkflowTest {

    private final Workflow workflow = Workflows.standard();

    @Test
    void movesOnlyAlongTheTableAndCancelsFromAnyNonTerminalStatus() {
        assertThat(workflow.allows("PENDING", "CONFIRMED")).isTrue();
        assertThat(workflow.allows("PENDING", "READY")).isFalse();
        assertThat(workflow.allows("CONFIRMED", "PENDING")).isFalse();
        assertThat(workflow.allows("OUT_FOR_DELIVERY", "CANCELLED")).isTrue();
        assertThat(workflow.allows("DELIVERED", "CANCELLED")).isFalse();
        assertThat(workflow.allows("CANCELLED", "PENDING")).isFalse();
    }

    @Test
    void readsStatusesCaseInsensitivelyAndKnowsOnlyItsOwn() {
        assertThat(workflow.status(" confirmed ")).contains("CONFIRMED");
        assertThat(workflow.status("SHIPPED")).isEmpty();
        assertThat(workflow.status(null)).isEmpty();
        assertThat(workflow.initial()).isEqualTo("PENDING");
        assertThat(workflow.isTerminal("DELIVERED")).isTrue();
        assertThat(workflow.isTerminal("READY")).isFalse();
    }

    @Test
    void dispatchProgressMovesAnOrderForwardButNeverOutOfATerminalStatus() {
        assertThat(workflow.movedByDispatch("READY", "PICKED_UP")).contains("OUT_FOR_DELIVERY");
        assertThat(workflow.movedByDispatch("OUT_FOR_DELIVERY", "IN_TRANSIT")).isEmpty();
        assertThat(workflow.movedByDispatch("CANCELLED", "DELIVERED")).isEmpty();
        assertThat(workflow.movedByDispatch("READY", "ASSIGNED")).isEmpty();
    }

    @Test
    void paymentAndReadinessMoveTheOrderForwardOnlyWhereTheWorkflowSaysSo() {
        assertThat(workflow.movedByPayment("PENDING")).contains("CONFIRMED");
        assertThat(workflow.movedByPayment("CONFIRMED")).as("already there").isEmpty();
        assertThat(workflow.movedByPayment("READY")).as("never back").isEmpty();
        assertThat(workflow.movedByReady("PENDING")).contains("READY");
        assertThat(workflow.movedByReady("PREPARING")).contains("READY");
        assertThat(workflow.movedByReady("OUT_FOR_DELIVERY")).as("never back").isEmpty();
        assertThat(workflow.movedByReady("CANCELLED")).isEmpty();
        assertThat(workflow.movedByDispatch("DELIVERED", "PICKED_UP")).isEmpty();

        Workflow desk = Workflows.serviceDesk();
        assertThat(desk.movedByPayment("SUBMITTED")).as("the service desk has no payment move").isEmpty();
        assertThat(desk.movedByReady("APPROVED")).isEmpty();
        assertThat(desk.movedByDispatch("REVISION", "DELIVERED")).contains("COMPLETE");
    }

    @Test
    void aTableWhoseCancelledStatusIsNotTerminalFailsTheStart() {
        var broken = new WorkflowProperties.Definition("NEW", "CANCELLED", List.of("DONE"),
                Map.of("NEW", List.of("DONE")), Map.of());
        assertThatThrownBy(() -> new Workflow(new WorkflowProperties("x", Map.of("x", broken))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cancelled status must be terminal");
        assertThatThrownBy(() -> new Workflow(new WorkflowProperties("missing", Map.of("x", broken))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names no definition");
    }
}
