package dev.orderflow.realtime.transport;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.listener.ExceptionListenerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.Epoll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.ops.GatewayMetrics;

/** The netty-socketio server, configured from what was measured on this machine (docs/design.md). */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class SocketServerConfig {

    private static final Logger log = LoggerFactory.getLogger(SocketServerConfig.class);

    @Bean
    SocketIOServer socketIOServer(RealtimeProperties properties, JsonMapper mapper) {
        Configuration config = new Configuration();
        config.setHostname(properties.host());
        config.setPort(properties.port());
        // permessage-deflate costs ~3x CPU and memory for small JSON frames
        config.setWebsocketCompression(false);
        config.setHttpCompression(false);
        // Node's defaults, so clients behave the same against either server
        config.setPingInterval((int) properties.pingInterval().toMillis());
        config.setPingTimeout((int) properties.pingTimeout().toMillis());
        // a connection that opens and says nothing is closed (netty-socketio's "silent channel" guard)
        config.setFirstDataTimeout((int) properties.firstDataTimeout().toMillis());
        config.setMaxFramePayloadLength(properties.maxFrameBytes());
        config.setMaxHttpContentLength(properties.maxFrameBytes());
        config.setWorkerThreads(properties.workerThreads());
        // fewer system calls and no JDK selector locking per write than NIO (docs/realtime.md)
        config.setUseLinuxNativeEpoll(properties.nativeEpoll() && Epoll.isAvailable());
        config.setJsonSupport(new PreEncodedJsonSupport(mapper));
        // every listener acks itself: driver:location answers after an asynchronous call, which an
        // automatic empty ack on return would pre-empt
        config.setAckMode(com.corundumstudio.socketio.AckMode.MANUAL);
        config.setExceptionListener(new QuietExceptions());
        config.getSocketConfig().setReuseAddress(true);
        config.getSocketConfig().setTcpNoDelay(true);
        return new SocketIOServer(config);
    }

    /** {@code /orders/track}'s connect rate, ahead of Spring Security and the websocket upgrade. */
    @Bean
    FilterRegistrationBean<TrackConnectRateFilter> trackConnectRate(RealtimeProperties properties, ProblemSecurityHandlers problems,
                                                                    GatewayMetrics metrics) {
        ConnectRate rate = new ConnectRate("orders.track", properties.connectsPerSecondPerAddress(), properties.connectsPerSecond(),
                RealtimeProperties.MAX_TRACKED_ADDRESSES, reason -> metrics.connectRefused("orders.track", reason));
        FilterRegistrationBean<TrackConnectRateFilter> registration =
                new FilterRegistrationBean<>(new TrackConnectRateFilter(rate, problems));
        registration.addUrlPatterns(TrackConnectRateFilter.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** A malformed client frame costs that client its connection, and nobody else anything. */
    private static final class QuietExceptions extends ExceptionListenerAdapter {

        @Override
        public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
            GatewayChannelInitializer.closeFailedConnection(ctx, e);
            return true;
        }

        @Override
        public void onEventException(Exception e, java.util.List<Object> args, com.corundumstudio.socketio.SocketIOClient client) {
            log.atWarn().addKeyValue("event", "SOCKET_HANDLER_ERROR").addKeyValue("session", client.getSessionId())
                    .setCause(e).log("Socket event handler failed");
        }

        @Override
        public void onAuthException(Throwable e, com.corundumstudio.socketio.SocketIOClient client) {
            log.atWarn().addKeyValue("event", "SOCKET_AUTH_ERROR").addKeyValue("session", client.getSessionId())
                    .setCause(e).log("Socket authentication failed");
        }
    }
}
