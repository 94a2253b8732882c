package dev.orderflow.realtime.track;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.orderflow.realtime.RealtimeProperties;

/** {@code ws://host:8083/orders/track}; probes and metrics are on the management port, out of its reach. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class TrackConfig implements WebSocketConfigurer {

    private final TrackSocketHandler handler;

    TrackConfig(TrackSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // authentication is in the protocol (token in the URL or the first frame), so any origin may connect
        registry.addHandler(handler, "/orders/track").setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer(RealtimeProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(properties.maxFrameBytes());
        container.setMaxSessionIdleTimeout(properties.idleTimeout().toMillis());
        return container;
    }
}
