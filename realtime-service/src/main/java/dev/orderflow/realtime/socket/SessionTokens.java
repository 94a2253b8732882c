package dev.orderflow.realtime.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.namespace.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.realtime.auth.SocketAuthenticator;
import dev.orderflow.realtime.fanout.Rooms;
import dev.orderflow.realtime.view.OrderChanged;
import dev.orderflow.realtime.view.OrderView;
import dev.orderflow.realtime.view.TrackedOrder;

/**
 * Live sessions stay authorised. A socket's token expires like any other: a minute before,
 * the client gets {@code session:expiring {expiresAt}}; at expiry {@code session:expired
 * {code: TOKEN_EXPIRED}} and is disconnected ({@code event=SOCKET_TOKEN_EXPIRED}). Before that
 * it may send {@code auth:refresh} with a new token for the same user (like Centrifugo's
 * refresh): the session takes the new expiry and the new roles — its own rooms follow the
 * roles, and order rooms it may no longer see are left. An order whose assignment changes is
 * revisited the same way ({@link #revisit}).
 */
@Component
public class SessionTokens implements DisposableBean {

    static final String CALLER = "caller";
    /** The session's current raw token: the rider's positions are relayed to the API with it. */
    static final String TOKEN = "token";
    private static final String EXPIRES_AT = "tokenExpiresAt";
    private static final String WARNED = "tokenExpiryWarned";
    private static final Duration WARN_BEFORE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

    private final SocketIOServer server;
    private final SocketAuthenticator authenticator;
    private final RoomAccess access;
    private final OrderView view;
    private ScheduledExecutorService timer;

    public SessionTokens(SocketIOServer server, SocketAuthenticator authenticator, RoomAccess access, OrderView view) {
        this.server = server;
        this.authenticator = authenticator;
        this.access = access;
        this.view = view;
    }

    synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "socket-token-expiry");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void destroy() {
        stop();
    }

    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    void remember(SocketIOClient client, SocketAuthenticator.Session session, String token) {
        client.set(CALLER, session.caller());
        client.set(TOKEN, token.startsWith("Bearer ") ? token.substring(7) : token);
        if (session.expiresAt() != null) {
            client.set(EXPIRES_AT, session.expiresAt());
        }
        client.del(WARNED);
    }

    /** Warns sessions about to expire, disconnects expired ones. */
    void expire() {
        Instant now = Instant.now();
        for (SocketIOClient client : server.getAllClients()) {
            try {
                Instant expiresAt = client.get(EXPIRES_AT);
                if (expiresAt == null) {
                    continue;
                }
                if (!expiresAt.isAfter(now)) {
                    client.sendEvent("session:expired", Map.of("code", "TOKEN_EXPIRED"));
                    client.disconnect();
                    log.atInfo().addKeyValue("event", "SOCKET_TOKEN_EXPIRED").addKeyValue("session", client.getSessionId())
                            .log("Socket token expired; disconnected");
                } else if (!expiresAt.minus(WARN_BEFORE).isAfter(now) && client.get(WARNED) == null) {
                    client.set(WARNED, Boolean.TRUE);
                    client.sendEvent("session:expiring", Map.of("expiresAt", expiresAt.toString()));
                }
            } catch (RuntimeException e) {
                log.debug("Token expiry check of {} failed: {}", client.getSessionId(), e.toString());
            }
        }
    }

    /**
     * An order changed (e.g. its agent was re-assigned): sockets in its room that may no longer
     * see it leave the room, so an unassigned agent stops receiving it at once.
     */
    @EventListener
    public void on(OrderChanged changed) {
        revisit(changed.order());
    }

    public void revisit(TrackedOrder order) {
        Namespace namespace = (Namespace) server.getNamespace(Namespace.DEFAULT_NAME);
        String room = Rooms.order(order.orderId());
        for (SocketIOClient client : namespace.getRoomClients(room)) {
            Caller caller = client.get(CALLER);
            if (caller != null && !caller.canSee(order.customerId(), order.agentId())) {
                client.leaveRoom(room);
                log.atInfo().addKeyValue("event", "SOCKET_ROOM_REVOKED").addKeyValue("session", client.getSessionId())
                        .addKeyValue("room", room).log("Socket left a room it may no longer see");
            }
        }
    }

    /** {@code auth:refresh}: {@code "token"} or {@code {token}} → ack {@code {ok, expiresAt}} or {@code {ok:false, code}}. */
    Map<String, Object> refresh(SocketIOClient client, Object request) {
        Caller current = client.get(CALLER);
        String token = request instanceof String t ? t : request instanceof Map<?, ?> m && m.get("token") instanceof String t ? t : null;
        Optional<SocketAuthenticator.Session> session = authenticator.authenticateSession(token);
        if (session.isEmpty()) {
            return Map.of("ok", false, "code", ErrorCode.SOCKET_AUTH_FAILED.name());
        }
        Caller next = session.get().caller();
        if (current == null || !current.userId().equals(next.userId())) {
            return Map.of("ok", false, "code", "FORBIDDEN"); // a session cannot change who it is
        }
        Set<String> before = access.ownRooms(current);
        Set<String> after = access.ownRooms(next);
        before.stream().filter(r -> !after.contains(r)).forEach(client::leaveRoom);
        after.stream().filter(r -> !before.contains(r)).forEach(client::joinRoom);
        for (String room : new HashSet<>(client.getAllRooms())) {
            String orderId = Rooms.orderIdOf(room);
            if (orderId != null && view.find(orderId).map(o -> !next.canSee(o.customerId(), o.agentId())).orElse(false)) {
                client.leaveRoom(room);
            }
        }
        remember(client, session.get(), token);
        log.atInfo().addKeyValue("event", "SOCKET_TOKEN_REFRESHED").addKeyValue("session", client.getSessionId())
                .addKeyValue("user", next.userId()).addKeyValue("roles", next.roles()).log("Socket token refreshed");
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("ok", true);
        if (session.get().expiresAt() != null) {
            ack.put("expiresAt", session.get().expiresAt().toString());
        }
        return ack;
    }
}
