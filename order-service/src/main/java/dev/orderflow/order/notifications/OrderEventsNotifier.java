package dev.orderflow.order.notifications;

import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.orderflow.order.orders.OrderEventAppended;
import dev.orderflow.platform.tracing.TraceContext;

/**
 * Turns the order's own events into notifications in the transaction that writes the event, so they
 * commit or roll back with the change and no second transaction (nor a read back from Kafka) is
 * needed per change. Once per event: the inbox's unique key (source event, rule, recipient) makes a
 * repeated delivery add nothing. E-mails go out after the commit.
 */
@Component
public class OrderEventsNotifier {

    private final NotificationInbox inbox;
    private final NotificationMailer mailer;
    private final TraceContext trace;

    public OrderEventsNotifier(NotificationInbox inbox, NotificationMailer mailer, TraceContext trace) {
        this.inbox = inbox;
        this.mailer = mailer;
        this.trace = trace;
    }

    @EventListener
    public void on(OrderEventAppended event) {
        List<Trigger> triggers = Trigger.of(event.type(), event.order());
        if (triggers.isEmpty()) {
            return;
        }
        String traceId = event.order().traceId() != null ? event.order().traceId() : trace.currentTraceId();
        List<UUID> toMail = inbox.deliver(event.eventId(), triggers, event.order(), traceId);
        if (!toMail.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    mailer.sendSoon(toMail);
                }
            });
        }
    }
}
