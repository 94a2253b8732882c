package dev.orderflow.realtime.view;

import dev.orderflow.realtime.transport.RawJson;

/**
 * What the gateway knows of one order: who may see it, its latest version and where in
 * {@code orders.events} that version was read, its dispatch's attempt and version (which agent
 * claim is newer), and the latest consolidated order as a payload (without the per-delivery
 * {@code cursor}/{@code replayed} members). The payload is kept as its JSON: the view holds up to
 * {@code max-orders} of them, and the parsed map took several times the bytes (docs/performance.md,
 * "The gateway's view of orders"); only a replay or a track frame reads it back.
 */
public record TrackedOrder(String orderId, String customerId, String agentId, long version, String status,
                           int partition, long offset, long dispatchAttempt, long dispatchVersion, RawJson payload) {

    public TrackedOrder withAgent(String newAgentId) {
        return new TrackedOrder(orderId, customerId, newAgentId, version, status, partition, offset,
                dispatchAttempt, dispatchVersion, payload);
    }
}
