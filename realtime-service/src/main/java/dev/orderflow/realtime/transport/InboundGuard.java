package dev.orderflow.realtime.transport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of netty-socketio's packet handler and sees every decoded client message:
 * <ul>
 * <li>a client sending more packets than its rate is disconnected (floods hurt only the flooder);</li>
 * <li>a namespace CONNECT without any {@code auth} is given an empty one, because netty-socketio
 *     skips the auth listener when there is no auth data at all — so a missing token is
 *     rejected like a bad one;</li>
 * <li>the websocket channel a session's messages arrive on is noted for the broadcast fast path
 *     ({@link WebSocketChannels});</li>
 * <li>after the message is handled (and so after the CONNECT answer is queued), the follow-up
 *     work of the connection runs: the replay of what a reconnecting client missed.</li>
 * </ul>
 */
@Sharable
public final class InboundGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InboundGuard.class);
    private static final byte RECORD_SEPARATOR = 0x1e;

    private final int perSecond;
    private final Map<UUID, RateLimit> limits = new ConcurrentHashMap<>();
    private final Consumer<UUID> afterMessage;
    private final WebSocketChannels websockets;

    public InboundGuard(int perSecond, Consumer<UUID> afterMessage, WebSocketChannels websockets) {
        this.perSecond = perSecond;
        this.afterMessage = afterMessage;
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
        if (!limits.computeIfAbsent(session, id -> new RateLimit(perSecond)).tryAcquire(packetCount(message.getContent()))) {
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
        afterMessage.accept(session);
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
