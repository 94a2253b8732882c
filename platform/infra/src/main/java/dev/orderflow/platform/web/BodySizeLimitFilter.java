package dev.orderflow.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.security.ProblemSecurityHandlers;

/**
 * Caps every request body before anything reads it ({@code orderflow.http.max-body-size}): a
 * declared {@code Content-Length} over the cap is answered 413 PAYLOAD_TOO_LARGE at once, unread;
 * a chunked body is counted as it is read and fails with {@link BodyTooLargeException} at the cap.
 * Bounded bodies are what keeps every event under Kafka's message size (docs/security.md).
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemSecurityHandlers problems;

    public BodySizeLimitFilter(long maxBytes, ProblemSecurityHandlers problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close"); // do not read (swallow) the rest
            problems.write(response, ErrorCode.PAYLOAD_TOO_LARGE, message());
            return;
        }
        chain.doFilter(new Capped(request), response);
    }

    private String message() {
        return "The request body is larger than " + maxBytes + " bytes";
    }

    /** The body ended past the cap while being read. */
    public static class BodyTooLargeException extends IOException {
        public BodyTooLargeException(String message) {
            super(message);
        }
    }

    private final class Capped extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Capped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        CountingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(message());
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
