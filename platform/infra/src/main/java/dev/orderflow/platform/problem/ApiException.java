package dev.orderflow.platform.problem;

import dev.orderflow.contracts.error.ErrorCode;

/** A failure the caller should see as a problem+json body with {@code code}. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
