package dev.orderflow.realtime.transport;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code maxTotal} open connections to one endpoint, and {@code maxPerAddress} from one
 * remote address: one client (or one attacker's address) cannot take every connection. The map
 * holds only addresses with open connections.
 */
public class ConnectionCaps {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCaps.class);

    private final String endpoint;
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionCaps(String endpoint, int maxTotal, int maxPerAddress) {
        this.endpoint = endpoint;
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** True when a connection from {@code address} may open; then {@link #release} must follow its close. */
    public boolean admit(String address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            log.warn("event=SOCKET_REFUSED endpoint={} reason=total remote={}", endpoint, address);
            return false;
        }
        boolean admitted = perAddress.compute(address, (a, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            c.incrementAndGet();
            return c;
        }).get() <= maxPerAddress;
        if (!admitted) {
            release(address);
            log.warn("event=SOCKET_REFUSED endpoint={} reason=address remote={}", endpoint, address);
        }
        return admitted;
    }

    public void release(String address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int open() {
        return total.get();
    }

    public int addresses() {
        return perAddress.size();
    }

    /** The Socket.IO port's guard: first in the pipeline, closes a channel over the caps before it is read. */
    @Sharable
    public static final class Guard extends ChannelInboundHandlerAdapter {

        private static final AttributeKey<String> ADMITTED = AttributeKey.valueOf("orderflow.admitted");

        private final ConnectionCaps caps;

        public Guard(ConnectionCaps caps) {
            this.caps = caps;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            String address = addressOf(ctx.channel());
            if (!caps.admit(address)) {
                ctx.close();
                return;
            }
            ctx.channel().attr(ADMITTED).set(address);
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            String address = ctx.channel().attr(ADMITTED).getAndSet(null);
            if (address != null) {
                caps.release(address);
            }
            super.channelInactive(ctx);
        }
    }

    /** The remote IP address of a channel, the key of the per-address caps and rates. */
    static String addressOf(io.netty.channel.Channel channel) {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
    }
}
