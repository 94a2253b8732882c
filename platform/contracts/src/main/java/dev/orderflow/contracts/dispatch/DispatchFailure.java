package dev.orderflow.contracts.dispatch;

/** Data of {@code dispatch.failed}: a booking that kept failing; {@code code} is DISPATCH_CREATION_FAILED. */
public record DispatchFailure(String orderId, String dispatchId, String code, String detail, int attempt) {
}
