package dev.orderflow.dispatch.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.orderflow.contracts.Roles;
import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.platform.security.ServiceSecurity;

/**
 * The internal API takes the caller's JWT as order-service forwards it: staff, or an agent for
 * its own OTP (order-service checked which order).
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ServiceSecurity.build(http, problems, requests -> requests
                .requestMatchers("/internal/**").hasAnyRole(Roles.STAFF, Roles.ADMIN, Roles.AGENT));
    }
}
