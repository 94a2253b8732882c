package dev.orderflow.realtime.transport;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netty-socketio's pipeline plus the gateway's guards (see {@link ConnectionCaps}, {@link ConnectRate},
 * {@link InboundGuard}, {@link OutboundBudget}).
 */
public final class GatewayChannelInitializer extends SocketIOChannelInitializer {

    private static final Logger log = LoggerFactory.getLogger(GatewayChannelInitializer.class);
    private static final CloseOnError CLOSE_ON_ERROR = new CloseOnError();

    private final InboundGuard inboundGuard;
    private final OutboundBudget outboundBudget;
    private final ConnectionCaps.Guard connectionCaps;
    private final ConnectRate.Guard connectRate;

    public GatewayChannelInitializer(InboundGuard inboundGuard, OutboundBudget outboundBudget, ConnectionCaps.Guard connectionCaps,
                                     ConnectRate.Guard connectRate) {
        this.inboundGuard = inboundGuard;
        this.outboundBudget = outboundBudget;
        this.connectionCaps = connectionCaps;
        this.connectRate = connectRate;
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.addFirst("outboundBudget", outboundBudget);
        pipeline.addFirst("connectionCaps", connectionCaps); // before anything reads the connection
        pipeline.addBefore(AUTHORIZE_HANDLER, "connectRate", connectRate); // before a session is made
        pipeline.addBefore(PACKET_HANDLER, "inboundGuard", inboundGuard);
        pipeline.addLast("closeOnError", CLOSE_ON_ERROR);
    }

    /**
     * A connection that failed (a malformed frame, a failed write) is logged once and closed; it
     * costs that client its connection and nobody else anything. Both places an error can surface
     * use this: netty-socketio's exception listener and the end of the pipeline.
     */
    static void closeFailedConnection(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().isOpen()) {
            return; // e.g. a broadcast write that raced the client's disconnect
        }
        log.atInfo().addKeyValue("event", "SOCKET_BAD_FRAME").addKeyValue("remote", ctx.channel().remoteAddress())
                .addKeyValue("error", cause.toString()).log("Bad socket frame; connection closed");
        ctx.close();
    }

    /**
     * An error no socket.io handler took care of (e.g. an over-long websocket message rejected by
     * the frame aggregator) closes that one connection instead of leaving it half-broken.
     */
    @Sharable
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeFailedConnection(ctx, cause);
        }
    }
}
