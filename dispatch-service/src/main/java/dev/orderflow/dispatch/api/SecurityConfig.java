package dev.orderflow.dispatch.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.orderflow.platform.security.JwtProperties;
import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.platform.security.ServiceSecurity;
import dev.orderflow.platform.security.ServiceTokens;

/**
 * The internal API takes service tokens only (order-service's, signed with the service key, audience
 * {@value #AUDIENCE}); a user's token — even an ADMIN's — is refused. The user a call acts for is
 * in the token's {@code act} claim and checked per command (InternalDispatchController).
 */
@Configuration
public class SecurityConfig {

    public static final String AUDIENCE = "dispatch-service";

    @Bean
    JwtDecoder serviceTokenDecoder(@Value("${orderflow.security.service-token.secret}") String secret,
                                   JwtProperties users) {
        return ServiceTokens.decoder(secret, AUDIENCE, users.demoAllowed());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return ServiceSecurity.build(http, problems, requests -> requests
                .requestMatchers("/internal/**").hasRole(ServiceTokens.SERVICE_ROLE));
    }
}
