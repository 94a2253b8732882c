package dev.orderflow.platform.security;

import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The filter chain every service shares: stateless, bearer JWT, 401/403 as problem+json, the
 * operations endpoints (health, metrics, API docs — on the management port) open, the usual security headers (nosniff,
 * frame-ancestors/X-Frame-Options DENY, no referrer, a Content-Security-Policy). A service adds
 * only its own rules; what it does not name needs an authenticated caller.
 */
public final class ServiceSecurity {

    /** Served on the management port only (management.server.port), never reachable from the public one. */
    private static final String[] OPERATIONS = {"/actuator/**", "/error"};

    /** An API answers data, never a document: nothing may load or frame it. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** Swagger UI: its own scripts and styles (it sets inline styles), nothing else. */
    private static final String SWAGGER_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private ServiceSecurity() {
    }

    public static SecurityFilterChain build(HttpSecurity http, ProblemSecurityHandlers problems,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> serviceRules)
            throws Exception {
        return build(http, problems, serviceRules, request -> API_POLICY);
    }

    /** @param contentSecurityPolicy the policy for a request (pages need one of their own) */
    public static SecurityFilterChain build(HttpSecurity http, ProblemSecurityHandlers problems,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> serviceRules,
            Function<HttpServletRequest, String> contentSecurityPolicy)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter((request, response) -> {
                            if (!response.containsHeader("Content-Security-Policy")) {
                                String path = request.getRequestURI();
                                response.setHeader("Content-Security-Policy", path.contains("swagger-ui")
                                        ? SWAGGER_POLICY : contentSecurityPolicy.apply(request));
                            }
                        }))
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
