package dev.orderflow.platform.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import dev.orderflow.contracts.error.ErrorCode;

/** Builds RFC 9457 bodies with the contract's two extension members, {@code code} and {@code traceId}. */
public final class Problems {

    /** 5xx without a contract code: never leaks what went wrong inside. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail, String traceId) {
        return of(HttpStatus.valueOf(code.httpStatus()), code.name(), detail, traceId);
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail, String traceId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://orderflow.dev/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        problem.setProperty("traceId", traceId);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
