package dev.orderflow.platform.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain every service shares: stateless, bearer JWT, 401/403 as problem+json, the
 * operations endpoints (health, metrics, API docs) open. A service adds only its own rules; what it
 * does not name needs an authenticated caller.
 */
public final class ServiceSecurity {

    private static final String[] OPERATIONS = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};

    private ServiceSecurity() {
    }

    public static SecurityFilterChain build(HttpSecurity http, ProblemSecurityHandlers problems,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> serviceRules)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(OPERATIONS).permitAll();
                    serviceRules.customize(requests);
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .build();
    }
}
