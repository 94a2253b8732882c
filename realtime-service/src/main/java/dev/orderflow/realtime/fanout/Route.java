package dev.orderflow.realtime.fanout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of the fan-out table: Kafka events of {@code kafkaTypes} (when {@code when} holds)
 * become the socket event {@code event} with {@code payload}, sent to the rooms of {@code audience}
 * over {@code channel}. {@code legacy} rows can be switched off by configuration.
 */
public record Route(Set<String> kafkaTypes, String event, boolean legacy, Channel channel, List<Audience> audience,
                    Function<GatewayEvent, Map<String, Object>> payload, Predicate<GatewayEvent> when) {

    /**
     * Who receives an event: each maps to one room name, or none when the id is unknown.
     * {@code RECIPIENT} is a stored notification's own: {@code admin} for the staff inbox, else {@code user:{userId}}.
     */
    public enum Audience {
        ORDER, CUSTOMER, ADMIN, AGENT, RECIPIENT,
        /** Every rider (the shared {@code delivery} room). */
        RIDERS,
        /** The rider a dispatch change took the job from ({@code previousAgentId}, when it differs). */
        PREVIOUS_AGENT;

        public String room(GatewayEvent e) {
            return switch (this) {
                case ORDER -> Rooms.order(e.orderId());
                case CUSTOMER -> e.customerId() == null ? null : Rooms.user(e.customerId());
                case ADMIN -> Rooms.ADMIN;
                case AGENT -> e.agentId() == null ? null : Rooms.delivery(e.agentId());
                case RIDERS -> Rooms.DELIVERY;
                case PREVIOUS_AGENT -> EventRoutes.lostBy(e) == null ? null : Rooms.delivery(EventRoutes.lostBy(e));
                case RECIPIENT -> "staff".equals(e.field("recipient")) ? Rooms.ADMIN
                        : e.field("userId") instanceof String user ? Rooms.user(user) : null;
            };
        }
    }

    /** Socket.IO rooms, or the plain-WebSocket {@code /orders/track} subscribers of the order. */
    public enum Channel { SOCKET_IO, TRACK }

    public boolean matches(GatewayEvent e, boolean legacyEnabled) {
        return kafkaTypes.contains(e.type()) && (legacyEnabled || !legacy) && when.test(e);
    }
}
