package dev.orderflow.realtime.socket;

import dev.orderflow.realtime.ops.GatewayMetrics;

import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.SocketIOServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.log.EventLogReader;
import dev.orderflow.realtime.transport.ConnectRate;
import dev.orderflow.realtime.transport.ConnectionCaps;
import dev.orderflow.realtime.transport.GatewayChannelInitializer;
import dev.orderflow.realtime.transport.InboundGuard;
import dev.orderflow.realtime.transport.OutboundBudget;
import dev.orderflow.realtime.transport.WebSocketChannels;

/**
 * Opens the Socket.IO port only once the log reader has rebuilt the recent view, so the first
 * reconnecting client is answered from a complete view, not a half-read one.
 */
@Component
public class SocketServerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketServerLifecycle.class);

    private final SocketIOServer server;
    private final SocketConnections connections;
    private final EventLogReader reader;
    private final RealtimeProperties properties;
    private final WebSocketChannels websockets;
    private final GatewayMetrics metrics;
    private volatile boolean running;

    public SocketServerLifecycle(SocketIOServer server, SocketConnections connections, EventLogReader reader,
                                 RealtimeProperties properties, WebSocketChannels websockets, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.server = server;
        this.connections = connections;
        this.reader = reader;
        this.properties = properties;
        this.websockets = websockets;
    }

    @Override
    public void start() {
        if (!reader.awaitCaughtUp(2, TimeUnit.MINUTES)) {
            log.warn("The view of orders.events is not rebuilt yet; opening the socket port anyway");
        }
        InboundGuard guard = new InboundGuard(properties.inboundPerSecond(), properties.authDeadline(), connections, websockets);
        ConnectionCaps caps = new ConnectionCaps("socket.io", properties.maxConnections(), properties.maxConnectionsPerAddress());
        ConnectRate rate = new ConnectRate("socket.io", properties.connectsPerSecondPerAddress(), properties.connectsPerSecond(),
                RealtimeProperties.MAX_TRACKED_ADDRESSES, reason -> metrics.connectRefused("socket.io", reason));
        server.setPipelineFactory(new GatewayChannelInitializer(guard, new OutboundBudget(properties.maxPendingBytes(),
                () -> metrics.slowConsumerDisconnected("buffer")), new ConnectionCaps.Guard(caps),
                new ConnectRate.Guard(rate, server.getConfiguration().getContext())));
        connections.register();
        server.addDisconnectListener(client -> guard.forget(client.getSessionId()));
        server.start();
        running = true;
        log.info("Socket.IO listening on {}:{}", properties.host(), properties.port());
    }

    @Override
    public void stop() {
        running = false;
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the log reader (which starts at the default phase minus one)
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
