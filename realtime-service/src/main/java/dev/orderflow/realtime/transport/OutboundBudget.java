package dev.orderflow.realtime.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what one connection may have waiting in its socket buffer. A client that does not read
 * (or reads slower than its rooms produce) is cut off instead of growing memory without bound;
 * it reconnects with its cursor and catches up from the gateway's view.
 */
@Sharable
public final class OutboundBudget extends ChannelOutboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OutboundBudget.class);

    private final long maxPendingBytes;
    private final Runnable onCutOff;

    public OutboundBudget(long maxPendingBytes, Runnable onCutOff) {
        this.maxPendingBytes = maxPendingBytes;
        this.onCutOff = onCutOff;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() > maxPendingBytes) {
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) { // a void promise would report it as a pipeline exception
                promise.tryFailure(new IllegalStateException("slow consumer"));
            }
            if (ctx.channel().isOpen()) {
                log.atInfo().addKeyValue("event", "SOCKET_SLOW_CONSUMER").addKeyValue("remote", ctx.channel().remoteAddress())
                        .addKeyValue("pendingBytes", buffer.totalPendingWriteBytes()).log("Slow socket consumer closed");
                onCutOff.run();
                ctx.close();
            }
            return;
        }
        ctx.write(msg, promise);
    }
}
