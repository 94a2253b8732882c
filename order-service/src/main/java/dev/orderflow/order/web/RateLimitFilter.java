package dev.orderflow.order.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.security.ProblemSecurityHandlers;

/**
 * A per-caller budget on the public API (Resilience4j rate limiter keyed by the JWT subject), so
 * one runaway client cannot starve the rest. Over budget → 429 RATE_LIMITED with Retry-After.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiterRegistry limiters;
    private final ProblemSecurityHandlers problems;
    private final long retryAfterSeconds;

    public RateLimitFilter(ProblemSecurityHandlers problems, int requests, Duration period) {
        this.problems = problems;
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
        this.retryAfterSeconds = Math.max(1, period.toSeconds());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String key = caller != null && caller.isAuthenticated() ? "sub:" + caller.getName() : "ip:" + request.getRemoteAddr();
        RateLimiter limiter = limiters.rateLimiter(key);
        if (!limiter.acquirePermission()) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
            problems.write(response, ErrorCode.RATE_LIMITED, "Too many requests; retry after " + retryAfterSeconds + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
