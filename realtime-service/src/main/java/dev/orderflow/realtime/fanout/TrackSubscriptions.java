package dev.orderflow.realtime.fanout;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** Which {@code /orders/track} sessions follow which order. */
@Component
public class TrackSubscriptions {

    private final Map<String, Set<WebSocketSession>> byOrder = new ConcurrentHashMap<>();

    public void subscribe(String orderId, WebSocketSession session) {
        byOrder.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    public void unsubscribe(String orderId, WebSocketSession session) {
        byOrder.computeIfPresent(orderId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    public void unsubscribeAll(WebSocketSession session) {
        byOrder.keySet().forEach(orderId -> unsubscribe(orderId, session));
    }

    /** Sends the frame to the order's subscribers; one that cannot keep up is dropped (its buffer is bounded). */
    public void send(String orderId, String frame) {
        Set<WebSocketSession> sessions = byOrder.get(orderId);
        if (sessions == null) {
            return;
        }
        TextMessage message = new TextMessage(frame);
        for (WebSocketSession session : sessions) {
            try {
                session.sendMessage(message);
            } catch (IOException | RuntimeException e) {
                unsubscribeAll(session);
            }
        }
    }
}
