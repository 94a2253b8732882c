package dev.orderflow.order.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notifications as configuration, like the status workflow: which {@link Trigger} notifies whom,
 * with what priority and text. A shop edits or disables a rule by name, or adds its own, without
 * code; {@link NotificationRules} checks the table at start so a typo fails the boot, not an order.
 *
 * @param rules rules by name (the name is stored with each notification)
 * @param mail  e-mail delivery
 */
@ConfigurationProperties("orderflow.notifications")
public record NotificationProperties(Map<String, Rule> rules, Mail mail) {

    public NotificationProperties {
        rules = rules == null ? Map.of() : rules;
        mail = mail == null ? new Mail(null, null, null, null, null) : mail;
    }

    /**
     * @param event    the {@link Trigger} name, e.g. {@code order.status_changed}
     * @param statuses for {@code order.status_changed}: only these target statuses (empty: any)
     * @param to       recipients: {@code customer}, {@code rider} (the assigned agent), {@code staff}
     * @param priority {@code high}, {@code normal} or {@code low}
     * @param title    template, {@code {displayId}} etc. (docs/notifications.md lists the fields)
     * @param message  template
     * @param email    also e-mail the customer (to the order's {@code deliveryAddress.email})
     * @param enabled  false switches a default rule off
     */
    public record Rule(String event, List<String> statuses, List<Recipient> to, Priority priority, String title,
                       String message, Boolean email, Boolean enabled) {

        public Rule {
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
            to = to == null ? List.of() : List.copyOf(to);
            priority = priority == null ? Priority.NORMAL : priority;
            email = email != null && email;
            enabled = enabled == null || enabled;
        }
    }

    /**
     * @param from        sender address
     * @param maxAttempts sends tried before a notification's e-mail is given up (FAILED)
     * @param retryDelay  wait after the first failed attempt; doubles with each further one
     * @param sweep       how often due retries are looked for
     */
    public record Mail(Boolean enabled, String from, Integer maxAttempts, Duration retryDelay, Duration sweep) {

        public Mail {
            enabled = enabled == null || enabled;
            from = from == null ? "orderflow@localhost" : from;
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            retryDelay = retryDelay == null ? Duration.ofSeconds(30) : retryDelay;
            sweep = sweep == null ? Duration.ofSeconds(10) : sweep;
        }
    }

    public enum Recipient { CUSTOMER, RIDER, STAFF }

    public enum Priority {
        HIGH, NORMAL, LOW;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
