package dev.orderflow.order.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.platform.outbox.OutboxWriter;

/**
 * Writes what the rules make of a trigger into the inbox and, in the same transaction, one
 * {@code notification.created} event per stored notification to the outbox (the gateway pushes it).
 * A notification already made from the same source event, rule and recipient is skipped, so a
 * redelivered event stores and pushes nothing.
 */
@Component
public class NotificationInbox {

    private static final Logger log = LoggerFactory.getLogger(NotificationInbox.class);

    private final NotificationRules rules;
    private final NotificationStore store;
    private final OutboxWriter outbox;

    public NotificationInbox(NotificationRules rules, NotificationStore store, OutboxWriter outbox) {
        this.rules = rules;
        this.store = store;
        this.outbox = outbox;
    }

    /** @return the ids of the stored notifications that have an e-mail to send */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> deliver(String sourceEventId, List<Trigger> triggers, OrderSnapshot order, String traceId) {
        List<UUID> toMail = new ArrayList<>();
        UUID orderId = UUID.fromString(order.id());
        for (Trigger trigger : triggers) {
            for (NotificationRules.Planned planned : rules.plan(trigger, order, previousStatus(order))) {
                var stored = store.insert(UUID.randomUUID(), planned, orderId, traceId, sourceEventId);
                if (stored.isEmpty()) {
                    continue;
                }
                Notification n = stored.get();
                outbox.append(Topics.ORDERS_EVENTS, EventTypes.NOTIFICATION_CREATED, order.id(),
                        new Pushed(n.id(), planned.audience() == NotificationProperties.Recipient.STAFF ? "staff" : "user",
                                n.userId(), n.audience(), n.type(), n.priority(), n.title(), n.message(), n.orderId(),
                                n.createdAt(), n.traceId()));
                if (planned.emailTo() != null) {
                    toMail.add(n.id());
                }
                log.atDebug().addKeyValue("event", "NOTIFICATION_STORED").addKeyValue("orderId", orderId)
                        .addKeyValue("rule", planned.rule()).addKeyValue("recipient", planned.recipient())
                        .log("Notification {} ({}) for {}", n.id(), planned.rule(), planned.recipient());
            }
        }
        return toMail;
    }

    private static String previousStatus(OrderSnapshot order) {
        if (order.changes() == null) {
            return null;
        }
        return order.changes().stream().filter(c -> c.field().equals("status")).map(FieldChange::from)
                .findFirst().orElse(null);
    }

    /**
     * The data of {@code notification.created} (docs/contract.md): {@code recipient} is {@code user}
     * (then {@code userId} says who) or {@code staff} (every STAFF/ADMIN user).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pushed(UUID id, String recipient, String userId, String audience, String type, String priority,
                         String title, String message, UUID orderId, Instant createdAt, String traceId) {
    }
}
