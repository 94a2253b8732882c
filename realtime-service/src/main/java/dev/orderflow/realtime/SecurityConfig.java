package dev.orderflow.realtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.platform.security.ServiceSecurity;

/**
 * The HTTP port: health, metrics and API docs are open; {@code /orders/track} authenticates inside
 * its own protocol (a browser WebSocket cannot send an Authorization header); the rest needs a JWT.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ServiceSecurity.build(http, problems, requests -> requests.requestMatchers("/orders/track").permitAll());
    }
}
