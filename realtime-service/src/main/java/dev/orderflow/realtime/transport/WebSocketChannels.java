package dev.orderflow.realtime.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.springframework.stereotype.Component;

/**
 * The fast path of a broadcast: one event is encoded once into a complete Socket.IO frame
 * ({@code 42["event",payload]}) and the same bytes are written to every websocket client of the
 * rooms. netty-socketio would instead build, queue and encode a packet per client, which made its
 * p99 lose to Node's at 30k messages/s. A client still on polling, or with packets of its own
 * waiting in netty-socketio's queue (so order is kept), goes the ordinary way.
 */
@Component
public class WebSocketChannels {

    /**
     * Frames are shared by every recipient through derived buffers; Netty's leak detector would
     * record a stack trace for each of those whenever it samples the parent. The frame's life is
     * this class's own (allocated and released in {@link Frame}), so it is not sampled.
     */
    private static final ByteBufAllocator FRAMES = new UnpooledByteBufAllocator(true, true);

    /** The longest websocket frame header without a mask: 2 bytes and a 64-bit length. */
    private static final int MAX_HEADER = 10;

    /** A Socket.IO EVENT packet up to the event name: engine.io message 4, socket.io event 2. */
    private static final byte[] EVENT_PACKET_START = {'4', '2', '[', '"'};

    private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();
    private final Map<EventLoop, LoopOutbox> outboxes = new ConcurrentHashMap<>();

    /** Called for every websocket message: the channel a session's websocket arrived on. */
    void seen(UUID session, Channel channel) {
        if (channels.get(session) != channel) {
            channels.put(session, channel);
        }
    }

    /** @return the session's websocket channel, if it had one */
    Channel forget(UUID session) {
        return channels.remove(session);
    }

    /**
     * One broadcast, encoded once into the complete websocket frame: the header and the Socket.IO
     * packet {@code 42["event",payload]}. Server frames are not masked, so the bytes are the same
     * for every recipient and go out as they are (a ByteBuf passes netty's websocket encoder
     * untouched). {@link Frame#sendAndRelease()} it after the fan-out.
     */
    public Frame frame(String event, RawJson payload) {
        return new Frame(encode(event, payload));
    }

    static ByteBuf encode(String event, RawJson payload) {
        byte[] name = event.replace("\\", "\\\\").replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8);
        int packetLength = EVENT_PACKET_START.length + name.length + 2 + payload.bytes().length + 1; // '",' and ']'
        ByteBuf bytes = FRAMES.directBuffer(MAX_HEADER + packetLength);
        bytes.writerIndex(MAX_HEADER); // the packet first: the header's size depends on its length
        bytes.writeBytes(EVENT_PACKET_START).writeBytes(name).writeByte('"').writeByte(',')
                .writeBytes(payload.bytes()).writeByte(']');
        int length = bytes.readableBytes() - MAX_HEADER;
        int headerSize = length < 126 ? 2 : length <= 0xFFFF ? 4 : MAX_HEADER;
        int start = MAX_HEADER - headerSize;
        // RFC 6455 §5.2: FIN + text opcode, then the length in 7, 7+16 or 7+64 bits; no mask
        bytes.setByte(start, 0x81);
        if (headerSize == 2) {
            bytes.setByte(start + 1, length);
        } else if (headerSize == 4) {
            bytes.setByte(start + 1, 126).setShort(start + 2, length);
        } else {
            bytes.setByte(start + 1, 127).setLong(start + 2, length);
        }
        return bytes.readerIndex(start);
    }

    private LoopOutbox outbox(EventLoop loop) {
        return outboxes.computeIfAbsent(loop, LoopOutbox::new);
    }

    /**
     * A pre-encoded frame shared by all recipients (each write holds its own reference). The
     * recipients are grouped by event loop and handed to each loop's {@link LoopOutbox}.
     */
    public final class Frame {

        private final ByteBuf bytes;
        private final Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();

        private Frame(ByteBuf bytes) {
            this.bytes = bytes;
        }

        /** Takes the client for the fast path; false when it must take the ordinary path. */
        public boolean add(SocketIOClient client) {
            if (!(client instanceof NamespaceClient namespaced)) {
                return false;
            }
            ClientHead head = namespaced.getBaseClient();
            Channel channel = channels.get(client.getSessionId());
            if (channel == null || !channel.isActive() || head.getCurrentTransport() != Transport.WEBSOCKET
                    || head.getEngineIOVersion() != EngineIOVersion.V4
                    || !head.getPacketsQueue(Transport.WEBSOCKET).isEmpty()) {
                return false;
            }
            byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
            return true;
        }

        /** Queues the frame for every channel taken, then drops this broadcast's own reference. */
        public void sendAndRelease() {
            try {
                byLoop.forEach((loop, recipients) -> outbox(loop).submit(new LoopOutbox.Delivery(bytes.retain(), recipients)));
            } finally {
                bytes.release();
            }
        }
    }
}
