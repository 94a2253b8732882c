package dev.orderflow.courier.kwik;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.courier.CourierLocationEvent;
import dev.orderflow.contracts.courier.CourierStatusEvent;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.kwik.KwikJobStatus;
import dev.orderflow.courier.inbox.InboxOutcome;
import dev.orderflow.courier.inbox.WebhookInbox;
import dev.orderflow.courier.jobs.CourierJobs;
import dev.orderflow.platform.outbox.OutboxWriter;

/**
 * Stores a Kwik callback and appends its events in one transaction, so an acknowledged callback
 * is never lost and never published twice. Every distinct callback is published in arrival order,
 * even a late one: dispatch-service owns the dispatch and applies the forward-only rules.
 * A callback without our orderId is keyed through the job directory; failing that it is kept as
 * unmatched and published once a dispatch event names its order.
 */
@Service
public class KwikCallbackHandler {

    public static final String PROVIDER = "KWIK";

    private final WebhookInbox inbox;
    private final CourierJobs jobs;
    private final OutboxWriter outbox;
    private final JsonMapper json;

    public KwikCallbackHandler(WebhookInbox inbox, CourierJobs jobs, OutboxWriter outbox, JsonMapper json) {
        this.inbox = inbox;
        this.jobs = jobs;
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional
    public InboxOutcome handle(KwikCallback received, String rawBody, Map<String, String> headers) {
        KwikCallback callback = received;
        if (callback.orderId() == null) {
            jobs.lock(PROVIDER, callback.jobId());
            callback = jobs.orderIdOf(PROVIDER, callback.jobId()).map(received::withOrderId).orElse(received);
        }
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
            publish(callback, status.get(), Instant.now());
        }
        return outcome;
    }

    /** A dispatch event named the order of a job: remember it and publish what waited for it. */
    @Transactional
    public void learnJob(String jobId, String orderId, String dispatchId) {
        jobs.lock(PROVIDER, jobId);
        jobs.remember(PROVIDER, jobId, orderId, dispatchId);
        for (WebhookInbox.Unmatched waiting : inbox.unmatchedOfJob(PROVIDER, jobId)) {
            KwikCallback callback = KwikCallback.parse(json, waiting.rawBody()).withOrderId(orderId);
            inbox.matched(waiting.id(), orderId);
            publish(callback, KwikJobStatus.ofCode(callback.jobStatus()).orElseThrow(), waiting.receivedAt());
        }
    }

    /** @param receivedAt when the callback came in: its time when it does not tell its own */
    private void publish(KwikCallback callback, KwikJobStatus status, Instant receivedAt) {
        Instant occurredAt = callback.occurredAt() != null ? callback.occurredAt() : receivedAt;
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
