package dev.orderflow.realtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ConnectRateTest {

    private final List<String> refusals = new ArrayList<>();

    @Test
    void anAddressGetsItsBurstThenIsRefusedWhileOthersStillConnect() {
        ConnectRate rate = new ConnectRate("test", 2, 1_000, 100, refusals::add);
        for (int i = 0; i < 4; i++) {
            assertThat(rate.admit("10.0.0.1")).as("burst of twice the rate, #%d", i).isTrue();
        }
        assertThat(rate.admit("10.0.0.1")).as("over the address's rate").isFalse();
        assertThat(rate.admit("10.0.0.2")).as("another address has its own budget").isTrue();
        assertThat(refusals).containsExactly("address");
    }

    @Test
    void theTotalRateHoldsWhateverTheAddresses() {
        ConnectRate rate = new ConnectRate("test", 100, 3, 100, refusals::add);
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += rate.admit("10.0.1." + i) ? 1 : 0;
        }
        assertThat(admitted).as("the total burst (2 × 3), plus at most a refill during the loop").isBetween(6, 7);
        assertThat(refusals).contains("total").doesNotContain("address");
    }

    @Test
    void rotatingAddressesCannotGrowTheMap() {
        ConnectRate rate = new ConnectRate("test", 5, 1_000_000, 1_000, refusals::add);
        for (int i = 0; i < 50_000; i++) {
            rate.admit("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(rate.trackedAddresses()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void aHandshakeOverTheRateIsAnswered429BeforeASessionIsMadeAndSessionsPass() {
        ConnectRate rate = new ConnectRate("test", 1, 1_000, 100, refusals::add);
        ConnectRate.Guard guard = new ConnectRate.Guard(rate, "/socket.io");
        EmbeddedChannel first = new EmbeddedChannel(guard);
        first.writeInbound(request("/socket.io/?EIO=4&transport=polling"));
        first.writeInbound(request("/socket.io/?EIO=4&transport=websocket"));
        assertThat(first.<Object>readInbound()).as("within the burst: passed on").isNotNull();
        assertThat(first.<Object>readInbound()).isNotNull();

        EmbeddedChannel refused = new EmbeddedChannel(guard);
        refused.writeInbound(request("/socket.io/?EIO=4&transport=polling"));
        assertThat(refused.<Object>readInbound()).as("not passed on").isNull();
        FullHttpResponse answer = refused.readOutbound();
        assertThat(answer.status().code()).isEqualTo(429);
        assertThat(answer.headers().get("Retry-After")).isEqualTo("1");
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).contains("\"code\":\"RATE_LIMITED\"");
        answer.release();
        assertThat(refused.isOpen()).as("closed after the answer").isFalse();

        EmbeddedChannel session = new EmbeddedChannel(guard);
        session.writeInbound(request("/socket.io/?EIO=4&transport=polling&sid=abc"));
        assertThat(session.<Object>readInbound()).as("an existing session's poll is no new connection").isNotNull();
    }

    private static FullHttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
