package dev.orderflow.realtime.socket;

import dev.orderflow.realtime.ops.GatewayMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.namespace.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.auth.SocketAuthenticator;
import dev.orderflow.realtime.fanout.FanOut;
import dev.orderflow.realtime.fanout.GatewayEvent;
import dev.orderflow.realtime.fanout.PayloadEncoder;
import dev.orderflow.realtime.fanout.Rooms;
import dev.orderflow.realtime.riders.RiderLocationRelay;
import dev.orderflow.realtime.transport.InboundGuard;
import dev.orderflow.realtime.view.Cursor;
import dev.orderflow.realtime.notifications.RecentNotifications;
import dev.orderflow.realtime.view.OrderView;
import dev.orderflow.realtime.view.TrackedOrder;

/**
 * The Socket.IO protocol of docs/contract.md §5 on connection: authentication, own rooms, join/leave
 * with per-order authorisation, and the catch-up (replay + {@code sync}) after a reconnect.
 */
@Component
public class SocketConnections implements InboundGuard.Sessions {

    private static final Logger log = LoggerFactory.getLogger(SocketConnections.class);
    private static final String CALLER = SessionTokens.CALLER;
    private static final String TOKEN = SessionTokens.TOKEN;
    private static final String NO_CURSOR = "";

    private final SocketIOServer server;
    private final SocketAuthenticator authenticator;
    private final RoomAccess access;
    private final OrderView view;
    private final RecentNotifications notifications;
    private final FanOut fanOut;
    private final PayloadEncoder encoder;
    private final boolean benchEnabled;
    private final int maxReplay;
    private final GatewayMetrics metrics;
    private final SessionTokens sessions;
    private final RiderLocationRelay riderLocations;
    private final OrderArrivals arrivals;
    /** Sessions whose CONNECT was refused: the transport closes them once the refusal is sent. */
    private final Set<UUID> refused = ConcurrentHashMap.newKeySet();
    /** Authenticated sessions whose catch-up runs once their CONNECT answer is queued. */
    private final Map<UUID, String> pendingCatchUp = new ConcurrentHashMap<>();

    public SocketConnections(SocketIOServer server, SocketAuthenticator authenticator, RoomAccess access, OrderView view,
                             RecentNotifications notifications, FanOut fanOut, PayloadEncoder encoder,
                             RealtimeProperties properties, GatewayMetrics metrics, SessionTokens sessions,
                             RiderLocationRelay riderLocations, OrderArrivals arrivals) {
        this.arrivals = arrivals;
        this.notifications = notifications;
        this.sessions = sessions;
        this.maxReplay = properties.maxReplay();
        this.metrics = metrics;
        this.riderLocations = riderLocations;
        this.server = server;
        this.authenticator = authenticator;
        this.access = access;
        this.view = view;
        this.fanOut = fanOut;
        this.encoder = encoder;
        this.benchEnabled = properties.benchEnabled();
    }

    void register() {
        server.getNamespace(Namespace.DEFAULT_NAME).addAuthTokenListener(this::authenticate);
        for (String join : List.of("join", "join-room")) {
            server.addEventListener(join, Object.class, this::join);
        }
        for (String leave : List.of("leave", "leave-room")) {
            server.addEventListener(leave, Object.class, (client, data, ack) -> ack.sendAckData(leave(client, data)));
        }
        server.addEventListener("driver:location", Object.class,
                (client, data, ack) -> riderLocations.relay(client.get(CALLER), client.get(TOKEN), data, ack));
        server.addEventListener("subscribe:orders", Object.class,
                (client, data, ack) -> ack.sendAckData(caller(client).isPresent() ? ok() : refused(ErrorCode.UNAUTHORIZED)));
        if (benchEnabled) {
            server.addEventListener("bench:publish", Map.class, this::benchPublish);
        }
        server.addEventListener("auth:refresh", Object.class,
                (client, data, ack) -> ack.sendAckData(sessions.refresh(client, data)));
        server.addDisconnectListener(client -> pendingCatchUp.remove(client.getSessionId()));
        sessions.start();
    }

    private AuthTokenResult authenticate(Object authData, SocketIOClient client) {
        Map<?, ?> auth = authData instanceof Map<?, ?> map ? map : Map.of();
        String token = auth.get("token") instanceof String t ? t : client.getHandshakeData().getSingleUrlParam("token");
        Optional<SocketAuthenticator.Session> session = authenticator.authenticateSession(token);
        Optional<Caller> caller = session.map(SocketAuthenticator.Session::caller);
        if (caller.isEmpty()) {
            refused.add(client.getSessionId());
            String code = ErrorCode.SOCKET_AUTH_FAILED.name();
            return new AuthTokenResult(false, Map.of("message", code, "data", Map.of("code", code)));
        }
        sessions.remember(client, session.get(), token);
        if (Boolean.FALSE.equals(auth.get("legacyEvents"))) {
            fanOut.declineLegacyEvents(client);
        }
        access.ownRooms(caller.get()).forEach(client::joinRoom);
        // rooms are joined before the replay is read, so nothing falls between replay and live events
        pendingCatchUp.put(client.getSessionId(), auth.get("cursor") instanceof String c ? c : NO_CURSOR);
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    @Override
    public boolean refused(UUID session) {
        return refused.remove(session);
    }

    @Override
    public boolean authenticated(UUID session) {
        SocketIOClient client = server.getClient(session);
        return client != null && client.get(CALLER) != null;
    }

    /** Called after each inbound message; runs the catch-up of a session that just connected. */
    @Override
    public void afterMessage(UUID session) {
        String cursor = pendingCatchUp.remove(session);
        SocketIOClient client = cursor == null ? null : server.getClient(session);
        if (client != null) {
            catchUp(client, caller(client).orElseThrow(), cursor);
        }
    }

    /**
     * Sends the current {@code order.updated} of each visible order that changed after the
     * client's cursor ({@code replayed: true}), then {@code sync}. Without a usable cursor there
     * is nothing to recover: {@code sync {recovered:false}} with a cursor to resume from.
     * <p>
     * Catch-up never lies: replayed orders carry the cursor the client came with, and only
     * {@code sync} hands out the new one — a replay cut short by the outbound limits (the client
     * is disconnected as too slow) leaves the client on its old cursor, so its next catch-up
     * replays again. More than {@code maxReplay} orders are not replayed at all: the client is
     * told {@code recovered:false, reason: REPLAY_TOO_LARGE} and refetches by REST.
     */
    private void catchUp(SocketIOClient client, Caller caller, String cursorText) {
        Optional<Cursor> since = Cursor.decode(cursorText);
        OrderView.Replay replay = since.map(c -> view.replaySince(c, o -> caller.canSee(o.customerId(), o.agentId())))
                .orElseGet(() -> new OrderView.Replay(false, List.of(), view.cursor()));
        // the stored notifications it missed, each with its id (unread or not: the client knows its read state)
        List<GatewayEvent> missedNotifications = replay.recovered() && since.isPresent()
                ? notifications.since(since.get(), access.ownRooms(caller)) : List.of();
        boolean tooLarge = replay.orders().size() > maxReplay || missedNotifications.size() > maxReplay;
        boolean recovered = replay.recovered() && !tooLarge;
        if (recovered) {
            for (TrackedOrder order : replay.orders()) {
                Map<String, Object> payload = encoder.read(order.payload().bytes());
                payload.put("cursor", cursorText);
                payload.put("replayed", true);
                fanOut.send(client, "order.updated", encoder.raw(payload));
            }
        }
        if (recovered) {
            missedNotifications.forEach(n -> fanOut.replay(client, n, cursorText));
        }
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("recovered", recovered);
        sync.put("cursor", replay.cursor().encode());
        if (tooLarge) {
            sync.put("reason", "REPLAY_TOO_LARGE");
        }
        fanOut.send(client, "sync", sync);
        if (!cursorText.isEmpty()) {
            metrics.catchUp(recovered);
            log.atInfo().addKeyValue("event", "SOCKET_CATCH_UP").addKeyValue("user", caller.userId())
                    .addKeyValue("recovered", recovered).addKeyValue("replayed", recovered ? replay.orders().size() : 0)
                    .addKeyValue("tooLarge", tooLarge).log("Socket catch-up");
        }
    }

    /** A join of an order the gateway has not read yet waits for it (OrderArrivals). */
    private void join(SocketIOClient client, Object request, AckRequest ack) {
        Optional<Caller> caller = caller(client);
        String room = RoomAccess.roomOf(request);
        if (caller.isEmpty() || room == null) {
            ack.sendAckData(refused(caller.isEmpty() ? ErrorCode.UNAUTHORIZED : ErrorCode.VALIDATION_FAILED));
            return;
        }
        Map<String, Object> answer = admit(client, caller.get(), room);
        boolean waiting = ErrorCode.ORDER_NOT_FOUND.name().equals(answer.get("code"))
                && arrivals.await(client.getSessionId(), Rooms.orderIdOf(room),
                        () -> ack.sendAckData(admit(client, caller.get(), room)), () -> ack.sendAckData(answer));
        if (!waiting) {
            ack.sendAckData(answer);
        }
    }

    private Map<String, Object> admit(SocketIOClient client, Caller caller, String room) {
        Optional<ErrorCode> refusal = access.refusal(caller, room);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        if (server.getClient(client.getSessionId()) != null) { // an answer that waited may find the client gone
            client.joinRoom(room);
        }
        return ok();
    }

    private Map<String, Object> leave(SocketIOClient client, Object request) {
        String room = RoomAccess.roomOf(request);
        if (room == null) {
            return refused(ErrorCode.VALIDATION_FAILED);
        }
        client.leaveRoom(room);
        return ok();
    }

    /** Load-test only: one publisher emits, the gateway fans out to a {@code bench:*} room. */
    private void benchPublish(SocketIOClient client, Map<?, ?> request, AckRequest ack) {
        if (caller(client).isPresent() && request.get("room") instanceof String room && room.startsWith(RoomAccess.BENCH_PREFIX)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = request.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            fanOut.sendToRooms(List.of(room), "bench", encoder.raw(data));
        }
    }

    private static Optional<Caller> caller(SocketIOClient client) {
        return Optional.ofNullable(client.get(CALLER));
    }

    private static Map<String, Object> ok() {
        return Map.of("ok", true);
    }

    private static Map<String, Object> refused(ErrorCode code) {
        return Map.of("ok", false, "code", code.name());
    }
}
