package dev.orderflow.courier.kwik;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierLocationEvent;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.kwik.KwikJobStatus;
import dev.orderflow.courier.inbox.InboxOutcome;
import dev.orderflow.courier.inbox.WebhookInbox;
import dev.orderflow.platform.outbox.OutboxWriter;

/**
 * Stores a Kwik callback and appends its events in one transaction, so an acknowledged callback
 * is never lost and never published twice. Every distinct callback is published in arrival order,
 * even a late one: dispatch-service owns the dispatch and applies the forward-only rules.
 */
@Service
public class KwikCallbackHandler {

    public static final String PROVIDER = "KWIK";

    private final WebhookInbox inbox;
    private final OutboxWriter outbox;

    public KwikCallbackHandler(WebhookInbox inbox, OutboxWriter outbox) {
        this.inbox = inbox;
        this.outbox = outbox;
    }

    @Transactional
    public InboxOutcome handle(KwikCallback callback, String rawBody, Map<String, String> headers) {
        Optional<KwikJobStatus> status = KwikJobStatus.ofCode(callback.jobStatus());
        InboxOutcome outcome = status.isEmpty() ? InboxOutcome.UNKNOWN_STATUS
                : callback.orderId() == null ? InboxOutcome.UNMATCHED
                : InboxOutcome.PUBLISHED;
        boolean stored = inbox.insert(new WebhookInbox.Entry(PROVIDER, callback.dedupKey(rawBody), callback.jobId(),
                callback.jobStatus(), callback.orderId(), rawBody, headers, outcome)).isPresent();
        if (!stored) {
            return InboxOutcome.DUPLICATE;
        }
        if (outcome == InboxOutcome.PUBLISHED) {
            publish(callback, status.get());
        }
        return outcome;
    }

    private void publish(KwikCallback callback, KwikJobStatus status) {
        Instant occurredAt = callback.occurredAt() != null ? callback.occurredAt() : Instant.now();
        Driver driver = callback.fleetName() == null && callback.fleetPhone() == null ? null
                : new Driver(callback.fleetName(), callback.fleetPhone(), null);
        outbox.append(Topics.COURIER_EVENTS, EventTypes.COURIER_STATUS, callback.orderId(),
                new CourierStatusEvent(PROVIDER, callback.jobId(), callback.orderId(), status.normalised(),
                        String.valueOf(status.code()), driver, occurredAt));
        if (callback.hasLocation()) {
            outbox.append(Topics.COURIER_LOCATIONS, EventTypes.COURIER_LOCATION, callback.orderId(),
                    new CourierLocationEvent(callback.orderId(), callback.latitude(), callback.longitude(), null,
                            occurredAt));
        }
    }
}
