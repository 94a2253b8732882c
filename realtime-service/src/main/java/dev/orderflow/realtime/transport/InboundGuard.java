package dev.orderflow.realtime.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.orderflow.contracts.error.ErrorCode;

/**
 * Sits in front of netty-socketio's packet handler and sees every decoded client message:
 * <ul>
 * <li>a client sending more packets than its rate is disconnected (floods hurt only the flooder);</li>
 * <li>a namespace CONNECT without any {@code auth} is given an empty one, because netty-socketio
 *     skips the auth listener when there is no auth data at all — so a missing token is
 *     rejected like a bad one;</li>
 * <li>the websocket channel a session's messages arrive on is noted for the broadcast fast path
 *     ({@link WebSocketChannels});</li>
 * <li>a connection whose namespace CONNECT was just refused (bad, expired or missing token) is
 *     closed as soon as the refusal has gone out, instead of staying open until the client
 *     leaves ({@link #closeRefused}); one that has not authenticated by the auth deadline is
 *     closed then ({@link #enforceAuthDeadline});</li>
 * <li>after the message is handled (and so after the CONNECT answer is queued), the follow-up
 *     work of the connection runs: the replay of what a reconnecting client missed.</li>
 * </ul>
 */
@Sharable
public final class InboundGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InboundGuard.class);
    private static final byte RECORD_SEPARATOR = 0x1e;
    /** How long a refused polling client has to collect its connect_error before its session ends. */
    private static final long POLLING_COLLECT_LIMIT_MS = 5_000;

    private final int perSecond;
    private final Duration authDeadline;
    private final Map<UUID, RateLimit> limits = new ConcurrentHashMap<>();
    private final Sessions sessions;
    private final WebSocketChannels websockets;

    /** What the guard asks the socket layer about a session. */
    public interface Sessions {

        /** True, once, when the message just handled was this session's refused namespace CONNECT. */
        boolean refused(UUID session);

        /** True when the session has connected to the namespace with a valid token. */
        boolean authenticated(UUID session);

        /** The follow-up work of a session after each message it sent (its catch-up). */
        void afterMessage(UUID session);
    }

    /** @param authDeadline a session not authenticated this long after its first message is closed */
    public InboundGuard(int perSecond, Duration authDeadline, Sessions sessions, WebSocketChannels websockets) {
        this.perSecond = perSecond;
        this.authDeadline = authDeadline;
        this.sessions = sessions;
        this.websockets = websockets;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PacketsMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ClientHead client = message.getClient();
        UUID session = client.getSessionId();
        RateLimit limit = limits.get(session);
        if (limit == null) {
            Channel firstWebsocket = message.getTransport() == Transport.WEBSOCKET ? ctx.channel() : null;
            limit = limits.computeIfAbsent(session, id -> {
                ctx.executor().schedule(() -> enforceAuthDeadline(client, firstWebsocket), authDeadline.toMillis(),
                        TimeUnit.MILLISECONDS);
                return new RateLimit(perSecond);
            });
        }
        if (!limit.tryAcquire(packetCount(message.getContent()))) {
            log.atInfo().addKeyValue("event", "SOCKET_FLOOD").addKeyValue("session", session)
                    .addKeyValue("remote", ctx.channel().remoteAddress()).log("Socket flood; connection closed");
            forget(session);
            client.disconnect();
            return;
        }
        if (message.getTransport() == Transport.WEBSOCKET) {
            websockets.seen(session, ctx.channel());
        }
        ctx.fireChannelRead(withAuthOnConnect(message));
        if (sessions.refused(session)) {
            forget(session);
            closeRefused(ctx, client, message.getTransport());
            return;
        }
        sessions.afterMessage(session);
    }

    /**
     * A session that has not connected to the namespace with a valid token by the deadline (it
     * asked for an unknown namespace, or only answers pings) is closed: such sessions cannot pile
     * up. Counted from its first message; a session that sends none is ended by the ping timeout.
     */
    private void enforceAuthDeadline(ClientHead client, Channel firstWebsocket) {
        UUID session = client.getSessionId();
        if (!limits.containsKey(session) || sessions.authenticated(session)) {
            return;
        }
        limits.remove(session);
        Channel registered = websockets.forget(session);
        Channel websocket = registered != null ? registered : firstWebsocket;
        log.atInfo().addKeyValue("event", "SOCKET_AUTH_DEADLINE").addKeyValue("session", session)
                .log("Socket not authenticated in time; connection closed");
        try {
            client.disconnect();
        } finally {
            // disconnect() writes to the transport the session last used and may leave the websocket
            // itself open (seen under load, and in CI on a quiet machine): close it here, the way a
            // refused connection is closed; it also stops the ping timeout that would have ended it
            if (websocket != null && websocket.isOpen()) {
                closeAsRefused(websocket);
            }
        }
    }

    /**
     * Closes a connection whose authentication failed, right after its {@code connect_error}.
     * On a websocket the refusal was written to this very channel a moment ago, so a close frame
     * (1008, like {@code /orders/track}) queued behind it follows it out. A polling client
     * collects the refusal with its next GET: the session ends once nothing is left to collect
     * (or after {@link #POLLING_COLLECT_LIMIT_MS}, for a client that never polls again).
     */
    private static void closeRefused(ChannelHandlerContext ctx, ClientHead client, Transport transport) {
        // the refusal itself is logged (SOCKET_AUTH_FAILED) where the token was checked
        log.atDebug().addKeyValue("event", "SOCKET_AUTH_CLOSED").addKeyValue("session", client.getSessionId())
                .addKeyValue("remote", ctx.channel().remoteAddress()).addKeyValue("transport", transport)
                .log("Socket authentication failed; connection closed");
        if (transport == Transport.WEBSOCKET) {
            closeAsRefused(ctx.channel());
        } else {
            disconnectOnceCollected(client, ctx.executor(), System.nanoTime() + POLLING_COLLECT_LIMIT_MS * 1_000_000);
        }
    }

    /** Close 1008 SOCKET_AUTH_FAILED, queued behind whatever the channel was last told. */
    private static void closeAsRefused(Channel websocket) {
        websocket.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION,
                ErrorCode.SOCKET_AUTH_FAILED.name())).addListener(ChannelFutureListener.CLOSE);
    }

    private static void disconnectOnceCollected(ClientHead client, EventExecutor executor, long deadline) {
        if (client.getPacketsQueue(Transport.POLLING).isEmpty() || System.nanoTime() - deadline > 0) {
            client.disconnect();
        } else {
            executor.schedule(() -> disconnectOnceCollected(client, executor, deadline), 20, TimeUnit.MILLISECONDS);
        }
    }

    public void forget(UUID session) {
        limits.remove(session);
        websockets.forget(session);
    }

    private static int packetCount(ByteBuf content) {
        int count = 1;
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            if (content.getByte(i) == RECORD_SEPARATOR) {
                count++;
            }
        }
        return count;
    }

    private static PacketsMessage withAuthOnConnect(PacketsMessage message) {
        ByteBuf content = message.getContent();
        if (content.readableBytes() > 4096 || content.readableBytes() < 2
                || content.getByte(content.readerIndex()) != '4') {
            return message;
        }
        String text = content.toString(StandardCharsets.UTF_8);
        String[] packets = text.split(String.valueOf((char) RECORD_SEPARATOR), -1);
        boolean bareConnect = false;
        for (int i = 0; i < packets.length; i++) {
            if (packets[i].equals("40")) {
                packets[i] = "40{}";
                bareConnect = true;
            }
        }
        if (!bareConnect) {
            return message;
        }
        ByteBuf rewritten = Unpooled.copiedBuffer(String.join(String.valueOf((char) RECORD_SEPARATOR), packets),
                StandardCharsets.UTF_8);
        return new PacketsMessage(message.getClient(), rewritten, message.getTransport());
    }
}
