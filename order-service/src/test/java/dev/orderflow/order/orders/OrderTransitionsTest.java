package dev.orderflow.order.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.PaymentStatus;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.order.workflow.Workflows;
import dev.orderflow.platform.problem.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An order's own transitions (status, payment, readiness, cancel), without Spring or a database. */
class OrderTransitionsTest {

    private final Workflow workflow = Workflows.standard();

    @Test
    void statusMovesAlongTheWorkflowAndAnnouncesTheChange() {
        OrderChange change = pending().moveTo(workflow, "CONFIRMED", "call the customer");

        assertThat(change.next().status()).isEqualTo("CONFIRMED");
        assertThat(change.changes()).containsExactly(new FieldChange("status", "PENDING", "CONFIRMED"));
        assertThat(change.eventType()).isEqualTo(EventTypes.ORDER_UPDATED);
        assertThat(change.note()).isEqualTo("call the customer");
        assertThatThrownBy(() -> pending().moveTo(workflow, "READY", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void captureAsksTheProviderOnceAndIsANoOpWhenPaid() {
        AtomicInteger calls = new AtomicInteger();
        OrderChange captured = pending().capturePayment(workflow, order -> {
            calls.incrementAndGet();
            return PaymentStatus.PAID;
        });
        assertThat(captured.next().isPaid()).isTrue();
        assertThat(captured.changes()).as("paid moves a pending order to the workflow's payment-move status")
                .containsExactly(new FieldChange("paymentStatus", "PENDING", "PAID"), new FieldChange("status", "PENDING", "CONFIRMED"));
        assertThat(captured.next().status()).isEqualTo("CONFIRMED");

        OrderChange again = captured.next().capturePayment(workflow, order -> {
            calls.incrementAndGet();
            return PaymentStatus.PAID;
        });
        assertThat(again.isNone()).isTrue();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aCancelledOrderCannotBeCapturedOrMarkedReadyOrCancelledAgain() {
        OrderChange cancel = pending().cancel(workflow, "customer changed their mind", Instant.EPOCH);
        Order cancelled = cancel.next();

        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.cancelReason()).isEqualTo("customer changed their mind");
        assertThat(cancelled.cancelledAt()).isEqualTo(Instant.EPOCH);
        assertThat(cancel.eventType()).isEqualTo(EventTypes.ORDER_CANCELLED);
        assertThatThrownBy(() -> cancelled.capturePayment(workflow, o -> PaymentStatus.PAID)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> cancelled.markReady(workflow)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> cancelled.cancel(workflow, null, Instant.EPOCH)).isInstanceOf(ApiException.class);
    }

    @Test
    void markReadyIsIdempotentAndTransitionsKeepEverythingElse() {
        Order pending = pending();
        Order ready = pending.markReady(workflow).next();

        assertThat(ready.readyForDispatch()).isTrue();
        assertThat(ready.status()).as("ready-move").isEqualTo("READY");
        assertThat(ready.markReady(workflow).isNone()).isTrue();
        assertThat(ready).usingRecursiveComparison().ignoringFields("readyForDispatch", "status").isEqualTo(pending);
        Order stored = ready.nextVersion(Instant.EPOCH, "trace-1", true);
        assertThat(stored.version()).isEqualTo(pending.version() + 1);
        assertThat(stored.traceId()).isEqualTo("trace-1");
        assertThat(stored.statusChangedAt()).isEqualTo(Instant.EPOCH);
        assertThat(stored.readyForDispatch()).isTrue();
        assertThat(ready.nextVersion(Instant.EPOCH, "trace-2", false).statusChangedAt()).isEqualTo(pending.statusChangedAt());
    }

    @Test
    void paymentAfterReadinessDoesNotMoveTheOrderBack() {
        Order ready = pending().markReady(workflow).next();
        OrderChange paid = ready.capturePayment(workflow, o -> PaymentStatus.PAID);
        assertThat(paid.changes()).containsExactly(new FieldChange("paymentStatus", "PENDING", "PAID"));
        assertThat(paid.next().status()).isEqualTo("READY");

        Order desk = pending().withStatus("SUBMITTED");
        assertThat(desk.capturePayment(Workflows.serviceDesk(), o -> PaymentStatus.PAID).next().status())
                .as("a workflow without a payment move keeps its status").isEqualTo("SUBMITTED");
        assertThat(desk.markReady(Workflows.serviceDesk()).changes()).hasSize(1);
    }

    /** A new, unpaid order in the default workflow. */
    static Order pending() {
        Instant now = Instant.now();
        return new Order(UUID.randomUUID(), "ORD-2026-000001", "customer-1",
                List.of(new OrderItem("PARA-500", "Paracetamol", 2, new BigDecimal("4.50"))), new BigDecimal("9.00"),
                new BigDecimal("0.68"), new BigDecimal("9.68"), "NGN", null, null, null, "PENDING", PaymentStatus.PENDING,
                false, null, 1, now, now, null, null, null, now);
    }
}
