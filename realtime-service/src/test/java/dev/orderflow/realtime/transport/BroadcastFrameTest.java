package dev.orderflow.realtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The broadcast fast path writes bytes it encoded itself, past netty's websocket encoder: they
 * must be a frame a websocket client decodes, at each of the three header sizes, and every
 * recipient must get the frames of successive broadcasts whole and in order.
 */
class BroadcastFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 125 - 17, 126 - 17, 1_000, 65_535 - 17, 65_536 - 17, 200_000})
    void anEncodedBroadcastIsOneTextFrameHoldingTheSocketIoEventPacket(int padding) {
        String payload = "{\"p\":\"" + "x".repeat(padding) + "\"}";
        ByteBuf frame = WebSocketChannels.encode("order.updated", new RawJson(payload.getBytes(StandardCharsets.UTF_8)));

        assertThat(decode(List.of(frame))).containsExactly("42[\"order.updated\"," + payload + "]");
    }

    @Test
    void eventNamesAreEscapedAsJsonStrings() {
        ByteBuf frame = WebSocketChannels.encode("a\"b\\c", new RawJson("1".getBytes(StandardCharsets.UTF_8)));

        assertThat(decode(List.of(frame))).containsExactly("42[\"a\\\"b\\\\c\",1]");
    }

    @Test
    void eachChannelGetsEveryQueuedBroadcastWholeAndInOrderAndTheFramesAreReleased() {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel(); // an embedded loop runs whatever is handed to it
        LoopOutbox outbox = new LoopOutbox(first.eventLoop());
        List<ByteBuf> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ByteBuf frame = WebSocketChannels.encode("n", new RawJson(String.valueOf(i).getBytes(StandardCharsets.UTF_8)));
            frames.add(frame);
            // broadcasts 0..4 to the first channel, the odd ones to the second as well
            outbox.submit(new LoopOutbox.Delivery(frame, i % 2 == 1 ? List.of(first, second) : List.of(first)));
        }

        first.runPendingTasks();

        assertThat(decode(outbound(first))).containsExactly("42[\"n\",0]", "42[\"n\",1]", "42[\"n\",2]", "42[\"n\",3]",
                "42[\"n\",4]");
        assertThat(decode(outbound(second))).containsExactly("42[\"n\",1]", "42[\"n\",3]");
        assertThat(frames).allSatisfy(frame -> assertThat(frame.refCnt()).isZero());
    }

    @Test
    void moreBroadcastsThanOneDrainTakesAreAllDeliveredInOrderOverSeveralDrains() {
        EmbeddedChannel channel = new EmbeddedChannel();
        LoopOutbox outbox = new LoopOutbox(channel.eventLoop());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // a drain takes at most 256; the rest reschedule
            outbox.submit(new LoopOutbox.Delivery(
                    WebSocketChannels.encode("n", new RawJson(String.valueOf(i).getBytes(StandardCharsets.UTF_8))),
                    List.of(channel)));
            expected.add("42[\"n\"," + i + "]");
        }

        channel.runPendingTasks();

        assertThat(decode(outbound(channel))).containsExactlyElementsOf(expected);
    }

    private static List<ByteBuf> outbound(EmbeddedChannel channel) {
        List<ByteBuf> written = new ArrayList<>();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            written.add((ByteBuf) message);
        }
        return written;
    }

    /** What a websocket client reads from these bytes (Netty's RFC 6455 decoder, unmasked frames). */
    private static List<String> decode(List<ByteBuf> written) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        written.forEach(client::writeInbound);
        List<String> texts = new ArrayList<>();
        for (Object message; (message = client.readInbound()) != null; ) {
            TextWebSocketFrame frame = (TextWebSocketFrame) message;
            assertThat(frame.isFinalFragment()).isTrue();
            texts.add(frame.text());
            frame.release();
        }
        client.finishAndReleaseAll();
        return texts;
    }
}
