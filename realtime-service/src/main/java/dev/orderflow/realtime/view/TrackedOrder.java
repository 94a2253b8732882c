package dev.orderflow.realtime.view;

import java.util.Map;

/**
 * What the gateway knows of one order: who may see it, its latest version and where in
 * {@code orders.events} that version was read, and the latest consolidated order as a
 * ready-to-send payload (without the per-delivery {@code cursor}/{@code replayed} members).
 */
public record TrackedOrder(String orderId, String customerId, String agentId, long version, String status,
                           int partition, long offset, Map<String, Object> payload) {

    public TrackedOrder withAgent(String newAgentId) {
        return new TrackedOrder(orderId, customerId, newAgentId, version, status, partition, offset, payload);
    }
}
