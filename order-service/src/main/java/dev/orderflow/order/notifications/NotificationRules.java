package dev.orderflow.order.notifications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.order.notifications.NotificationProperties.Recipient;
import dev.orderflow.order.notifications.NotificationProperties.Rule;
import dev.orderflow.order.workflow.Workflow;

/** The configured rules, checked once at start; answers which notifications a trigger makes. */
@Component
public class NotificationRules {

    /** The recipient key of the one inbox all STAFF and ADMIN users share. */
    public static final String STAFF_INBOX = "staff";

    private static final Logger log = LoggerFactory.getLogger(NotificationRules.class);

    private final Map<String, Compiled> rules = new LinkedHashMap<>();

    public NotificationRules(NotificationProperties properties, Workflow workflow) {
        properties.rules().forEach((name, rule) -> {
            if (!rule.enabled()) {
                return;
            }
            String where = "orderflow.notifications.rules." + name;
            require(Trigger.NAMES.contains(rule.event()), where + ".event='" + rule.event() + "' is not one of "
                    + Trigger.NAMES);
            require(!rule.to().isEmpty(), where + ".to names no recipient");
            for (String status : rule.statuses()) {
                if (workflow.status(status).isEmpty()) {
                    // another workflow may be active: such a rule just never fires
                    log.warn("{}.statuses: the active workflow has no status {}", where, status);
                }
            }
            rules.put(name, new Compiled(name, rule, Template.compile(rule.title(), where + ".title"),
                    Template.compile(rule.message(), where + ".message")));
        });
    }

    /** The notifications {@code trigger} makes for {@code order}, at most one per rule and recipient. */
    public List<Planned> plan(Trigger trigger, OrderSnapshot order, String previousStatus) {
        List<Planned> planned = new ArrayList<>();
        Map<String, String> fields = null;
        for (Compiled c : rules.values()) {
            Rule rule = c.rule();
            if (!rule.event().equals(trigger.name())
                    || !rule.statuses().isEmpty() && !rule.statuses().contains(trigger.status())) {
                continue;
            }
            if (fields == null) {
                fields = Template.fields(order, previousStatus);
            }
            String title = c.title().render(fields);
            String message = c.message().render(fields);
            for (Recipient to : rule.to()) {
                String userId = switch (to) {
                    case CUSTOMER -> order.customerId();
                    case RIDER -> riderOf(order);
                    case STAFF -> null;
                };
                if (to != Recipient.STAFF && (userId == null || userId.isBlank())) {
                    continue; // no such person on this order (yet)
                }
                String email = rule.email() && to == Recipient.CUSTOMER && order.deliveryAddress() != null
                        ? order.deliveryAddress().email() : null;
                planned.add(new Planned(c.name(), to, to == Recipient.STAFF ? STAFF_INBOX : "user:" + userId, userId,
                        rule.event(), rule.priority().wire(), title, message, email,
                        email == null ? null : MailBody.of(message, order)));
            }
        }
        return planned;
    }

    /** The assigned rider: the order's agent, else the driver's agent on its dispatch. */
    static String riderOf(OrderSnapshot order) {
        if (order.agentId() != null) {
            return order.agentId();
        }
        var d = order.dispatch();
        return d == null || d.driver() == null ? null : d.driver().agentId();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("Invalid notification rule: " + message);
        }
    }

    private record Compiled(String name, Rule rule, Template title, Template message) {
    }

    /** One notification to store: the rule that made it, for whom, and its text. */
    public record Planned(String rule, Recipient audience, String recipient, String userId, String type,
                          String priority, String title, String message, String emailTo, String emailBody) {
    }
}
