package dev.orderflow.order.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.platform.security.ServiceSecurity;

/**
 * Every API call needs a bearer JWT; role and per-order rules are checked in the controllers
 * (they need the order). The board and tracking pages are static and take their token from the user.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems,
                                           RateLimitFilter rateLimit, PagesProperties pages) throws Exception {
        http.addFilterAfter(rateLimit, BearerTokenAuthenticationFilter.class);
        return ServiceSecurity.build(http, problems, requests -> requests
                .requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/board/**", "/track/**", "/rider/**",
                        "/assets/**", "/vendor/**", "/pages/config.js").permitAll(),
                request -> PagesConfig.contentSecurityPolicy(pages, request));
    }

    @Bean
    RateLimitFilter rateLimitFilter(ProblemSecurityHandlers problems,
                                    @Value("${orderflow.rate-limit.requests-per-period:100}") int requests,
                                    @Value("${orderflow.rate-limit.period:1s}") Duration period,
                                    @Value("${orderflow.rate-limit.max-callers:100000}") long maxCallers) {
        return new RateLimitFilter(problems, requests, period, maxCallers);
    }

    /** The limiter runs inside the security chain (it needs the caller), not a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterRegistration(RateLimitFilter filter) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
