package dev.orderflow.platform.problem;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.tracing.TraceContext;
import dev.orderflow.platform.web.BodySizeLimitFilter;

/** Every error a REST controller raises, as problem+json with a contract code. */
@RestControllerAdvice
public class ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final TraceContext trace;

    public ProblemExceptionHandler(TraceContext trace) {
        this.trace = trace;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return problem(e.code(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(ErrorCode.VALIDATION_FAILED, detail.isEmpty() ? "Invalid request body" : detail);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        // a body (@Valid @RequestBody) reports its fields by path; a plain parameter by its name
        String detail = e.getParameterValidationResults().stream()
                .flatMap(r -> r instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(f -> f.getField() + ": " + f.getDefaultMessage())
                        : r.getResolvableErrors().stream()
                                .map(err -> r.getMethodParameter().getParameterName() + ": " + err.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(ErrorCode.VALIDATION_FAILED, detail);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, ServletRequestBindingException.class,
            HttpMediaTypeNotSupportedException.class, BodySizeLimitFilter.BodyTooLargeException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return problem(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            }
        }
        return problem(ErrorCode.VALIDATION_FAILED, "Malformed request: " + firstLine(e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(ErrorCode.VALIDATION_FAILED, "Invalid value for " + e.getName());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource", trace.currentTraceId()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return Problems.response(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                e.getMessage(), trace.currentTraceId()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(ErrorCode.FORBIDDEN, "Not allowed for your role");
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return problem(ErrorCode.UNAUTHORIZED, "Authentication required");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            // Spring MVC's own client errors (406, 415, missing parts...): the caller's fault, not a 5xx
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            return status == HttpStatus.BAD_REQUEST ? problem(ErrorCode.VALIDATION_FAILED, firstLine(e.getMessage()))
                    : Problems.response(Problems.of(status, status.name(), firstLine(e.getMessage()), trace.currentTraceId()));
        }
        log.error("Unhandled error", e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR,
                "Internal error; quote the traceId when reporting it", trace.currentTraceId()));
    }

    private ResponseEntity<ProblemDetail> problem(ErrorCode code, String detail) {
        return Problems.response(Problems.of(code, detail, trace.currentTraceId()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int colon = message.indexOf(':');
        return colon > 0 ? message.substring(0, colon) : message;
    }
}
