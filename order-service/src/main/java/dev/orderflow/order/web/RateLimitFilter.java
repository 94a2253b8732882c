package dev.orderflow.order.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.platform.web.CallerLimits;

/**
 * A per-caller budget on the public API (keyed by the JWT subject, else the address; the keys in a
 * bounded cache, {@link CallerLimits}), so one runaway client cannot starve the rest. Over budget →
 * 429 RATE_LIMITED with Retry-After.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final CallerLimits limits;
    private final ProblemSecurityHandlers problems;

    public RateLimitFilter(ProblemSecurityHandlers problems, int requests, Duration period, long maxCallers) {
        this.problems = problems;
        this.limits = new CallerLimits(requests, period, maxCallers);
    }

    CallerLimits limits() {
        return limits;
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
        if (!limits.tryAcquire(key)) {
            problems.rateLimited(response, "Too many requests", limits.retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
    }
}
