package dev.orderflow.kwiksandbox.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The control API ({@code /sandbox/**}: settings with the webhook URL and its secret, faults,
 * forced statuses) needs {@code X-Sandbox-Key} = {@code orderflow.kwik.sandbox.control-key} (by default the
 * merchant password: whoever may log in as the merchant may drive the sandbox). The tracking
 * links handed to customers ({@code /sandbox/track/**}) stay open.
 */
@Component
public class ControlKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Sandbox-Key";

    private final byte[] key;

    public ControlKeyFilter(@Value("${orderflow.kwik.sandbox.control-key:${orderflow.kwik.sandbox.password:sandbox-password}}") String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/sandbox/") || path.startsWith("/sandbox/track/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        if (given == null || !MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "SandboxKey realm=\"kwik-sandbox\", header=\"" + HEADER + "\"");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"the sandbox control API needs " + HEADER + "\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
