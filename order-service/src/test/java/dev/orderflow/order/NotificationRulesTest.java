package dev.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.order.DeliveryAddress;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.contracts.order.PaymentStatus;
import dev.orderflow.order.notifications.NotificationProperties;
import dev.orderflow.order.notifications.NotificationProperties.Priority;
import dev.orderflow.order.notifications.NotificationProperties.Recipient;
import dev.orderflow.order.notifications.NotificationProperties.Rule;
import dev.orderflow.order.notifications.NotificationRules;
import dev.orderflow.order.notifications.Trigger;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.order.workflow.WorkflowProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules are configuration: a shop's own table is applied as written, and a typo fails the start. */
class NotificationRulesTest {

    private static final Workflow WORKFLOW = new Workflow(new WorkflowProperties("default", Map.of("default",
            new WorkflowProperties.Definition("PENDING", "CANCELLED", List.of("DELIVERED", "CANCELLED"),
                    Map.of("PENDING", List.of("DELIVERED")), Map.of()))));

    @Test
    void aShopsOwnRuleDecidesWhoIsToldWhatAndWithWhichPriority() {
        NotificationRules rules = rules(Map.of("shipped", new Rule("order.status_changed", List.of("DELIVERED"),
                List.of(Recipient.CUSTOMER, Recipient.RIDER, Recipient.STAFF), Priority.HIGH,
                "{displayId} is {status}", "{riderName} brought {items} ({total} {currency}) to {address}", true, null)));
        var planned = rules.plan(new Trigger(Trigger.ORDER_STATUS_CHANGED, "DELIVERED"), order("agent-7"), "PENDING");

        assertThat(planned).extracting(NotificationRules.Planned::recipient)
                .containsExactly("user:customer-1", "user:agent-7", "staff");
        assertThat(planned).allSatisfy(p -> {
            assertThat(p.priority()).isEqualTo("high");
            assertThat(p.title()).isEqualTo("ORD-1 is delivered");
            assertThat(p.message()).isEqualTo("Ada brought 2 × Soap (9.00 NGN) to 1 Marina, Lagos");
        });
        assertThat(planned.getFirst().emailTo()).as("only the customer is e-mailed").isEqualTo("c@example.com");
        assertThat(planned.get(1).emailTo()).isNull();
        assertThat(rules.plan(new Trigger(Trigger.ORDER_STATUS_CHANGED, "CONFIRMED"), order("agent-7"), "PENDING"))
                .as("another status").isEmpty();
        assertThat(rules.plan(new Trigger(Trigger.ORDER_STATUS_CHANGED, "DELIVERED"), order(null), "PENDING"))
                .as("no rider yet: nobody to tell").extracting(NotificationRules.Planned::recipient)
                .containsExactly("user:customer-1", "staff");
    }

    @Test
    void aDisabledRuleNotifiesNobody() {
        NotificationRules rules = rules(Map.of("created", new Rule("order.created", null, List.of(Recipient.CUSTOMER),
                null, "t", "m", null, false)));
        assertThat(rules.plan(new Trigger(Trigger.ORDER_CREATED, "PENDING"), order(null), null)).isEmpty();
    }

    @Test
    void aTypoFailsTheStart() {
        assertThatThrownBy(() -> rules(Map.of("x", new Rule("order.shipped", null, List.of(Recipient.CUSTOMER), null,
                "t", "m", null, null)))).hasMessageContaining("order.shipped");
        assertThatThrownBy(() -> rules(Map.of("x", new Rule("order.created", null, List.of(Recipient.CUSTOMER), null,
                "Order {displayID}", "m", null, null)))).hasMessageContaining("{displayID}");
        assertThatThrownBy(() -> rules(Map.of("x", new Rule("order.created", null, List.of(), null, "t", "m", null, null))))
                .hasMessageContaining("no recipient");
    }

    @Test
    void triggersAreReadOffTheOrdersChanges() {
        OrderSnapshot updated = withChanges(order("agent-7"), List.of(new FieldChange("status", "PENDING", "DELIVERED"),
                new FieldChange("dispatchStatus", "IN_TRANSIT", "DELIVERED"), new FieldChange("paymentStatus", "PENDING", "PAID"),
                new FieldChange("dispatchStatus", "ASSIGNED", "ASSIGNED")));
        assertThat(Trigger.of("order.updated", updated)).containsExactly(
                new Trigger(Trigger.ORDER_STATUS_CHANGED, "DELIVERED"), new Trigger("dispatch.delivered", "DELIVERED"),
                new Trigger(Trigger.PAYMENT_CAPTURED, "DELIVERED"));
        assertThat(Trigger.of("notification.created", updated)).isEmpty();
    }

    private static NotificationRules rules(Map<String, Rule> table) {
        return new NotificationRules(new NotificationProperties(new LinkedHashMap<>(table), null), WORKFLOW);
    }

    private static OrderSnapshot order(String agent) {
        DispatchSnapshot dispatch = new DispatchSnapshot("d-1", "o-1", DispatchStatus.DELIVERED, null, "KWIK", "job",
                null, new Driver("Ada", null, agent), null, null, 1, 5, Instant.now(), null, null, null);
        return new OrderSnapshot("00000000-0000-0000-0000-000000000001", "ORD-1", "customer-1",
                List.of(new OrderItem("S", "Soap", 2, new BigDecimal("4.50"))), new BigDecimal("8.40"),
                new BigDecimal("0.60"), new BigDecimal("9.00"), "NGN",
                new DeliveryAddress("1 Marina", "Lagos", null, null, null, "c@example.com"), null, null, "DELIVERED",
                PaymentStatus.PAID, true, null, dispatch, null, 5, Instant.now(), Instant.now(), null, null, null, null, null);
    }

    private static OrderSnapshot withChanges(OrderSnapshot o, List<FieldChange> changes) {
        return new OrderSnapshot(o.id(), o.displayId(), o.customerId(), o.items(), o.subtotal(), o.tax(), o.total(),
                o.currency(), o.deliveryAddress(), o.pickupLocationId(), o.notes(), o.status(), o.paymentStatus(),
                o.readyForDispatch(), o.dispatchGate(), o.dispatch(), o.agentId(), o.version(), o.createdAt(),
                o.updatedAt(), o.traceId(), changes, o.reason(), o.cancelledAt(), o.statusChangedAt());
    }
}
