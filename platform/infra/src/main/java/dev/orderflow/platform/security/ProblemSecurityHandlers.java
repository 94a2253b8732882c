package dev.orderflow.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.problem.Problems;

/** 401 and 403 from the security filter chain as problem+json with UNAUTHORIZED / FORBIDDEN. */
public class ProblemSecurityHandlers {

    private final JsonMapper mapper;

    public ProblemSecurityHandlers(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> write(response, ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
    }

    public AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, ErrorCode.FORBIDDEN, "Not allowed for your role");
    }

    /** Writes a problem+json answer from a filter, where no controller advice applies. */
    public void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        ProblemDetail problem = Problems.of(code, detail, response.getHeader("X-Trace-Id"));
        response.setStatus(HttpStatus.valueOf(code.httpStatus()).value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (code == ErrorCode.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        mapper.writeValue(response.getOutputStream(), problem);
    }

    /** 429 RATE_LIMITED with Retry-After, the answer of every limiter that refuses before a controller runs. */
    public void rateLimited(HttpServletResponse response, String tooMany, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        write(response, ErrorCode.RATE_LIMITED, tooMany + "; retry after " + retryAfterSeconds + " s");
    }
}
