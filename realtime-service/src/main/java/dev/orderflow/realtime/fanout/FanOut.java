package dev.orderflow.realtime.fanout;

import dev.orderflow.realtime.ops.GatewayMetrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.transport.NamespaceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.view.Cursor;
import dev.orderflow.realtime.transport.RawJson;
import dev.orderflow.realtime.transport.WebSocketChannels;
import dev.orderflow.realtime.view.TrackedOrder;

/** Applies {@link EventRoutes#TABLE} to an event and delivers the result to rooms and track subscribers. */
@Component
public class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);
    /** Set on a client whose handshake said {@code legacyEvents: false}. */
    private static final String NO_LEGACY_EVENTS = "noLegacyEvents";

    private final SocketIOServer server;
    private final TrackSubscriptions track;
    private final PayloadEncoder encoder;
    private final boolean legacyEvents;
    private final int maxQueuedPackets;
    private final WebSocketChannels websockets;
    private final GatewayMetrics metrics;

    public FanOut(SocketIOServer server, TrackSubscriptions track, PayloadEncoder encoder, RealtimeProperties properties,
                  WebSocketChannels websockets, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.server = server;
        this.track = track;
        this.encoder = encoder;
        this.legacyEvents = properties.legacyEvents();
        this.maxQueuedPackets = properties.maxQueuedPackets();
        this.websockets = websockets;
    }

    public void publish(GatewayEvent event, Cursor cursor) {
        String cursorText = cursor.encode();
        List<String> emitted = new ArrayList<>();
        // an order change goes out under three names with one body: encode it once
        Map<Map<String, Object>, RawJson> encoded = new IdentityHashMap<>(4);
        for (Route route : EventRoutes.TABLE) {
            if (!route.matches(event, legacyEvents)) {
                continue;
            }
            if (route.channel() == Route.Channel.TRACK) {
                track.send(event.orderId(), encoder.text(route.payload().apply(event)));
                continue;
            }
            RawJson body = encoded.computeIfAbsent(route.payload().apply(event),
                    payload -> encoder.raw(socketBody(payload, event, cursorText)));
            Set<String> rooms = new LinkedHashSet<>();
            for (Route.Audience audience : route.audience()) {
                String room = audience.room(event);
                if (room != null) {
                    rooms.add(room);
                }
            }
            sendToRooms(rooms, route.event(), body, route.legacy());
            metrics.emitted(route.event(), event.occurredAt());
            emitted.add(route.event() + "->" + rooms);
        }
        // one line per broadcast: DEBUG, or it would be most of the log at load
        log.atDebug().addKeyValue("event", "SOCKET_EMIT").addKeyValue("orderId", event.orderId())
                .addKeyValue("type", event.type()).addKeyValue("version", event.version())
                .addKeyValue("emitted", emitted).log("Socket emit");
    }

    /** Sends {@code event} to one client as the table's Socket.IO rows say, marked {@code replayed} (catch-up). */
    public void replay(SocketIOClient client, GatewayEvent event, String cursor) {
        for (Route route : EventRoutes.TABLE) {
            if (route.channel() == Route.Channel.SOCKET_IO && route.matches(event, legacyEvents) && wants(client, route.legacy())) {
                Map<String, Object> body = socketBody(route.payload().apply(event), event, cursor);
                body.put("replayed", true);
                send(client, route.event(), encoder.raw(body));
            }
        }
    }

    /** The row's payload plus the fields every Socket.IO payload carries. */
    private static Map<String, Object> socketBody(Map<String, Object> payload, GatewayEvent event, String cursor) {
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.putIfAbsent("orderId", event.orderId());
        body.putIfAbsent("version", event.version());
        body.putIfAbsent("traceId", event.traceId());
        body.putIfAbsent("occurredAt", event.occurredAt());
        body.put("cursor", cursor);
        return body;
    }

    /** The {@code /orders/track} frame for an order's current state (sent right after subscribing). */
    public String trackFrame(TrackedOrder order) {
        Map<String, Object> payload = encoder.read(order.payload().bytes());
        GatewayEvent current = new GatewayEvent("order.updated", order.orderId(), order.customerId(), order.agentId(),
                order.version(), (String) payload.get("traceId"), null, payload);
        return EventRoutes.TABLE.stream()
                .filter(r -> r.channel() == Route.Channel.TRACK && r.matches(current, legacyEvents))
                .findFirst()
                .map(r -> encoder.text(r.payload().apply(current)))
                .orElseThrow();
    }

    /**
     * The client's handshake said {@code legacyEvents: false} (docs/contract.md §5): it gets only the
     * contract's event names, not the legacy names that repeat them (two frames less per order change).
     */
    public void declineLegacyEvents(SocketIOClient client) {
        client.set(NO_LEGACY_EVENTS, Boolean.TRUE);
    }

    private static boolean wants(SocketIOClient client, boolean legacyName) {
        return !legacyName || !client.has(NO_LEGACY_EVENTS);
    }

    /**
     * Sends once to every client in any of the rooms (a client in two of them gets it once). The
     * frame is encoded once for all websocket clients (see {@link WebSocketChannels}).
     */
    public void sendToRooms(Collection<String> rooms, String event, RawJson payload) {
        sendToRooms(rooms, event, payload, false);
    }

    private void sendToRooms(Collection<String> rooms, String event, RawJson payload, boolean legacyName) {
        Namespace namespace = (Namespace) server.getNamespace(Namespace.DEFAULT_NAME);
        Set<UUID> sent = rooms.size() > 1 ? new HashSet<>() : null;
        WebSocketChannels.Frame frame = websockets.frame(event, payload);
        try {
            for (String room : rooms) {
                for (SocketIOClient client : namespace.getRoomClients(room)) {
                    if (!wants(client, legacyName)) {
                        continue;
                    }
                    if ((sent == null || sent.add(client.getSessionId())) && !frame.add(client)) {
                        send(client, event, payload);
                    }
                }
            }
        } finally {
            frame.sendAndRelease();
        }
    }

    /** Every client in {@code members} leaves {@code room} (a rider who lost a job leaves its order room). */
    public void removeFromRoom(String members, String room) {
        Namespace namespace = (Namespace) server.getNamespace(Namespace.DEFAULT_NAME);
        for (SocketIOClient client : namespace.getRoomClients(members)) {
            client.leaveRoom(room);
        }
    }

    /**
     * Sends to one client unless it has fallen too far behind (e.g. a poller that stopped
     * polling): then it is disconnected rather than queued for without bound.
     */
    public void send(SocketIOClient client, String event, Object payload) {
        if (client instanceof NamespaceClient namespaced) {
            ClientHead head = namespaced.getBaseClient();
            Queue<Packet> queue = head.getPacketsQueue(head.getCurrentTransport());
            if (!queue.isEmpty() && queue.size() > maxQueuedPackets) {
                log.atInfo().addKeyValue("event", "SOCKET_SLOW_CONSUMER").addKeyValue("session", client.getSessionId())
                        .addKeyValue("queued", queue.size()).log("Slow socket consumer disconnected");
                metrics.slowConsumerDisconnected("queue");
                head.disconnect();
                return;
            }
        }
        client.sendEvent(event, payload);
    }
}
