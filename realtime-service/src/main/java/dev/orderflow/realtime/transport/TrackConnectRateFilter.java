package dev.orderflow.realtime.transport;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.orderflow.platform.security.ProblemSecurityHandlers;

/**
 * The connect rate of {@code /orders/track}: a websocket handshake over the rate is answered
 * 429 problem+json {@code RATE_LIMITED} with {@code Retry-After}, before it is upgraded.
 */
public class TrackConnectRateFilter extends OncePerRequestFilter {

    public static final String PATH = "/orders/track";

    private final ConnectRate rate;
    private final ProblemSecurityHandlers problems;

    public TrackConnectRateFilter(ConnectRate rate, ProblemSecurityHandlers problems) {
        this.rate = rate;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!rate.admit(request.getRemoteAddr())) {
            problems.rateLimited(response, "Too many new connections", rate.retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
    }
}
