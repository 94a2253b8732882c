package dev.orderflow.realtime.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.orderflow.contracts.error.ErrorCode;

/**
 * New socket connections per second to one endpoint, from one remote address and in total
 * ({@link ConnectionCaps} bounds how many are open; this bounds how fast they come, so a reconnect
 * storm or a connect flood is smoothed instead of paid for with handshakes and token checks).
 * Each budget is a token bucket of {@code perSecond} with a burst of twice that. The per-address
 * buckets live in a bounded cache: an address idle for {@link #IDLE} has a full bucket again, so
 * forgetting it changes nothing, and an attacker rotating addresses cannot grow it beyond
 * {@code maxAddresses}.
 */
public class ConnectRate {

    /** Longer than any bucket takes to refill (burst / rate = 2 s). */
    static final Duration IDLE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ConnectRate.class);

    private final String endpoint;
    private final int perAddressPerSecond;
    private final RateLimit total;
    private final Cache<String, RateLimit> perAddress;
    private final Consumer<String> refused;

    /** @param refused told the reason ({@code address} or {@code total}) of every refusal (a meter) */
    public ConnectRate(String endpoint, int perAddressPerSecond, int totalPerSecond, long maxAddresses, Consumer<String> refused) {
        this.endpoint = endpoint;
        this.refused = refused;
        this.perAddressPerSecond = perAddressPerSecond;
        this.total = new RateLimit(totalPerSecond);
        this.perAddress = Caffeine.newBuilder().maximumSize(maxAddresses).expireAfterAccess(IDLE).build();
    }

    /**
     * True when a new connection from {@code address} may open now. The address's own budget is
     * checked first, so a flood from one address is refused without spending the others' share.
     */
    public boolean admit(String address) {
        if (!perAddress.get(address, a -> new RateLimit(perAddressPerSecond)).tryAcquire(1)) {
            return refuse("address", address);
        }
        if (!total.tryAcquire(1)) {
            return refuse("total", address);
        }
        return true;
    }

    /** Counted, and logged at DEBUG only: a flood must not turn into a flood of log lines. */
    private boolean refuse(String reason, String address) {
        refused.accept(reason);
        log.atDebug().addKeyValue("event", "SOCKET_CONNECT_RATE_LIMITED").addKeyValue("endpoint", endpoint)
                .addKeyValue("reason", reason).addKeyValue("remote", address).log("Socket connect over the rate");
        return false;
    }

    /** Seconds a refused client should wait: by then its bucket holds a token again. */
    public long retryAfterSeconds() {
        return 1;
    }

    /** Addresses tracked now (bounded; for tests). */
    public long trackedAddresses() {
        perAddress.cleanUp();
        return perAddress.estimatedSize();
    }

    /**
     * The Socket.IO port's guard, before netty-socketio's handshake: an engine.io handshake (a
     * request without {@code sid}, polling or websocket) over the rate is answered
     * {@code 429 {"code":"RATE_LIMITED"}} with {@code Retry-After} and the connection closed,
     * before any session, timer or token check is spent on it. Requests of existing sessions pass.
     */
    @Sharable
    public static final class Guard extends ChannelInboundHandlerAdapter {

        private final ConnectRate rate;
        private final String path;

        public Guard(ConnectRate rate, String path) {
            this.rate = rate;
            this.path = path;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && isHandshake(request.uri()) && !rate.admit(ConnectionCaps.addressOf(ctx.channel()))) {
                ReferenceCountUtil.release(msg);
                ctx.channel().writeAndFlush(tooManyConnects(rate.retryAfterSeconds())).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private boolean isHandshake(String uri) {
            QueryStringDecoder query = new QueryStringDecoder(uri);
            return query.path().startsWith(path) && !query.parameters().containsKey("sid");
        }

        static FullHttpResponse tooManyConnects(long retryAfterSeconds) {
            byte[] body = ("{\"code\":\"" + ErrorCode.RATE_LIMITED.name() + "\",\"message\":\"Too many new connections; retry after "
                    + retryAfterSeconds + " s\"}").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.TOO_MANY_REQUESTS,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
    }
}
