package dev.orderflow.courier.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.orderflow.contracts.Roles;
import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.platform.security.ServiceSecurity;

/**
 * Kwik has no JWT: its webhook passes the filter chain and is authenticated by the shared secret
 * in the controller. The unmatched-callbacks report is for staff.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ServiceSecurity.build(http, problems, requests -> requests
                .requestMatchers(HttpMethod.POST, "/webhooks/kwik").permitAll()
                .requestMatchers("/webhooks/kwik/unmatched").hasAnyRole(Roles.STAFF, Roles.ADMIN));
    }
}
