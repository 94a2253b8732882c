package dev.orderflow.order.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One audit row (docs/contract.md §2): {@code field} is status, paymentStatus, readyForDispatch or dispatchStatus.
 * {@code message} is the change in the customer's words ({@code CustomerWords}), on the first row of a
 * change that has any; null on the others.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HistoryEntry(String field, String from, String to, String changedBy, String note, String traceId,
                           Instant at, String message) {
}
