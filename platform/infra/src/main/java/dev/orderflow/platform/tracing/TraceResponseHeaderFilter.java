package dev.orderflow.platform.tracing;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every response carries the {@code traceparent} and {@code X-Trace-Id} of its trace (docs/contract.md §2). */
public class TraceResponseHeaderFilter extends OncePerRequestFilter {

    private final TraceContext trace;

    public TraceResponseHeaderFilter(TraceContext trace) {
        this.trace = trace;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceparent = trace.currentTraceparent();
        if (traceparent != null) {
            response.setHeader("traceparent", traceparent);
            response.setHeader("X-Trace-Id", trace.currentTraceId());
        }
        chain.doFilter(request, response);
    }
}
