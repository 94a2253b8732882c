package dev.orderflow.contracts.error;

/**
 * The error codes of docs/contract.md §8, each with the HTTP status it is answered with. A code
 * that is only ever a socket answer ({@link #socketOnly()}) is left out of the REST documents.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    INVALID_ID(400),
    MISSING_STATUS(400),
    INVALID_STATUS(400),
    INVALID_TRANSITION(409),
    ORDER_NOT_FOUND(404),
    NOTIFICATION_NOT_FOUND(404),
    PAYMENT_NOT_CAPTURED(409),
    DISPATCH_CREATION_FAILED(502),
    DISPATCH_NOT_FOUND(404),
    DISPATCH_ALREADY_DELIVERED(409),
    DISPATCH_NOT_IN_TRANSIT(409),
    DISPATCH_NOT_CANCELLABLE(409),
    DISPATCH_NOT_REDISPATCHABLE(409),
    OTP_INVALID(422),
    OTP_LOCKED(423),
    IDEMPOTENCY_CONFLICT(409),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    RATE_LIMITED(429),
    PAYLOAD_TOO_LARGE(413),
    SERVICE_UNAVAILABLE(503),
    UPDATE_FAILED(409),
    DISPATCH_NOT_ASSIGNABLE(409),
    NO_ACTIVE_JOB(409),
    /** Socket.IO connect_error and the /orders/track error frame: a missing, bad or expired token. */
    SOCKET_AUTH_FAILED(401, true);

    private final int httpStatus;
    private final boolean socketOnly;

    ErrorCode(int httpStatus) {
        this(httpStatus, false);
    }

    ErrorCode(int httpStatus, boolean socketOnly) {
        this.httpStatus = httpStatus;
        this.socketOnly = socketOnly;
    }

    /** Never a REST answer (the OpenAPI documents do not list it). */
    public boolean socketOnly() {
        return socketOnly;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
