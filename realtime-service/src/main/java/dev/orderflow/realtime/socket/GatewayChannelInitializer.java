package dev.orderflow.realtime.socket;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** netty-socketio's pipeline plus the gateway's guards (see {@link InboundGuard}, {@link OutboundBudget}). */
final class GatewayChannelInitializer extends SocketIOChannelInitializer {

    private final InboundGuard inboundGuard;
    private final OutboundBudget outboundBudget;

    GatewayChannelInitializer(InboundGuard inboundGuard, OutboundBudget outboundBudget) {
        this.inboundGuard = inboundGuard;
        this.outboundBudget = outboundBudget;
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.addFirst("outboundBudget", outboundBudget);
        pipeline.addBefore(PACKET_HANDLER, "inboundGuard", inboundGuard);
    }
}
