package dev.orderflow.realtime.track;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.auth.SocketAuthenticator;
import dev.orderflow.realtime.fanout.FanOut;
import dev.orderflow.realtime.fanout.TrackSubscriptions;
import dev.orderflow.realtime.transport.RateLimit;
import dev.orderflow.realtime.transport.ConnectionCaps;
import dev.orderflow.realtime.view.OrderView;
import dev.orderflow.realtime.view.TrackedOrder;

/**
 * {@code /orders/track}: the plain-WebSocket JSON protocol of docs/contract.md §5 for clients without
 * Socket.IO. Same token and the same authorisation as the Socket.IO gateway; the token comes as
 * {@code ?token=} or in the first frame that carries one.
 */
@Component
public class TrackSocketHandler extends TextWebSocketHandler {

    private static final String CALLER = "caller";
    private static final String OUT = "out";
    private static final String LIMIT = "limit";
    private static final String ADMITTED = "admitted";
    /** Closes sockets that did not authenticate in time (one daemon thread; the work is a flag check). */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "track-auth-deadline");
        thread.setDaemon(true);
        return thread;
    });
    private static final int SEND_TIME_LIMIT_MS = 5_000;

    private final SocketAuthenticator authenticator;
    private final OrderView view;
    private final TrackSubscriptions subscriptions;
    private final FanOut fanOut;
    private final JsonMapper mapper;
    private final RealtimeProperties properties;

    public TrackSocketHandler(SocketAuthenticator authenticator, OrderView view, TrackSubscriptions subscriptions,
                              FanOut fanOut, JsonMapper mapper, RealtimeProperties properties) {
        this.authenticator = authenticator;
        this.view = view;
        this.subscriptions = subscriptions;
        this.fanOut = fanOut;
        this.mapper = mapper;
        this.properties = properties;
        this.caps = new ConnectionCaps("orders.track", properties.maxConnections(), properties.maxConnectionsPerAddress());
    }

    private final ConnectionCaps caps;

    ConnectionCaps caps() {
        return caps;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        String address = session.getRemoteAddress() == null ? "?" : session.getRemoteAddress().getAddress().getHostAddress();
        if (!caps.admit(address)) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("too many connections"));
            return;
        }
        session.getAttributes().put(ADMITTED, address);
        // no valid token within the deadline: closed, so tokenless sockets cannot pile up
        DEADLINES.schedule(() -> {
            if (session.isOpen() && caller(session).isEmpty()) {
                try {
                    authFailed(session);
                } catch (Exception closing) {
                    // the client went away meanwhile
                }
            }
        }, properties.authDeadline().toMillis(), TimeUnit.MILLISECONDS);
        // every send goes through a bounded buffer: a slow reader is closed, never queued for without end
        WebSocketSession out = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, properties.maxPendingBytes());
        session.getAttributes().put(OUT, out);
        session.getAttributes().put(LIMIT, new RateLimit(properties.inboundPerSecond()));
        String token = session.getUri() == null ? null
                : UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("token");
        if (token != null && !authenticate(session, token)) {
            return;
        }
        send(session, Map.of("type", "connected"));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        if (!((RateLimit) session.getAttributes().get(LIMIT)).tryAcquire(1)) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("too many frames"));
            return;
        }
        Map<?, ?> frame;
        try {
            frame = mapper.readValue(message.getPayload(), Map.class);
        } catch (RuntimeException e) {
            error(session, ErrorCode.VALIDATION_FAILED, "frame is not a JSON object", null);
            return;
        }
        if (frame.get("token") instanceof String token && caller(session).isEmpty() && !authenticate(session, token)) {
            return;
        }
        String orderId = frame.get("order_id") instanceof String id ? id : null;
        switch (String.valueOf(frame.get("type"))) {
            case "ping" -> send(session, Map.of("type", "pong"));
            case "auth" -> {
                if (caller(session).isPresent()) {
                    send(session, Map.of("type", "authenticated"));
                } else {
                    authFailed(session);
                }
            }
            case "subscribe" -> subscribe(session, orderId);
            case "unsubscribe" -> {
                if (orderId == null) {
                    subscriptions.unsubscribeAll(out(session));
                } else {
                    subscriptions.unsubscribe(orderId, out(session));
                }
                send(session, orderId == null ? Map.of("type", "unsubscribed") : Map.of("type", "unsubscribed", "order_id", orderId));
            }
            default -> error(session, ErrorCode.VALIDATION_FAILED, "unknown frame type", orderId);
        }
    }

    private void subscribe(WebSocketSession session, String orderId) throws Exception {
        Optional<Caller> caller = caller(session);
        if (caller.isEmpty()) {
            authFailed(session);
            return;
        }
        if (orderId == null) {
            error(session, ErrorCode.VALIDATION_FAILED, "order_id is required", null);
            return;
        }
        Optional<TrackedOrder> order = view.find(orderId);
        if (order.isEmpty()) {
            error(session, ErrorCode.ORDER_NOT_FOUND, "no such order", orderId);
            return;
        }
        if (!caller.get().canSee(order.get().customerId(), order.get().agentId())) {
            error(session, ErrorCode.FORBIDDEN, "not your order", orderId);
            return;
        }
        subscriptions.subscribe(orderId, out(session));
        send(session, Map.of("type", "subscribed", "order_id", orderId));
        out(session).sendMessage(new TextMessage(fanOut.trackFrame(order.get())));
    }

    private boolean authenticate(WebSocketSession session, String token) throws Exception {
        Optional<Caller> caller = authenticator.authenticate(token);
        if (caller.isEmpty()) {
            authFailed(session);
            return false;
        }
        session.getAttributes().put(CALLER, caller.get());
        return true;
    }

    private void authFailed(WebSocketSession session) throws Exception {
        error(session, ErrorCode.SOCKET_AUTH_FAILED, "a valid token is required", null);
        session.close(CloseStatus.POLICY_VIOLATION.withReason(ErrorCode.SOCKET_AUTH_FAILED.name()));
    }

    private void error(WebSocketSession session, ErrorCode code, String message, String orderId) throws Exception {
        error(session, code.name(), message, orderId);
    }

    private void error(WebSocketSession session, String code, String message, String orderId) throws Exception {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("code", code);
        frame.put("message", message);
        if (orderId != null) {
            frame.put("order_id", orderId);
        }
        send(session, frame);
    }

    private void send(WebSocketSession session, Map<String, ?> frame) throws Exception {
        out(session).sendMessage(new TextMessage(mapper.writeValueAsString(frame)));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().remove(ADMITTED) instanceof String address) {
            caps.release(address);
        }
        if (out(session) != null) {
            subscriptions.unsubscribeAll(out(session));
        }
    }

    private static WebSocketSession out(WebSocketSession session) {
        return (WebSocketSession) session.getAttributes().get(OUT);
    }

    private static Optional<Caller> caller(WebSocketSession session) {
        return Optional.ofNullable((Caller) session.getAttributes().get(CALLER));
    }
}
