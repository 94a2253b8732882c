package dev.orderflow.platform.problem;

import java.util.UUID;

import dev.orderflow.contracts.error.ErrorCode;

/** Ids in paths: a canonical UUID (36 characters) or 400 {@code INVALID_ID}. */
public final class Ids {

    private Ids() {
    }

    /** @param what how the answer names it, e.g. "an order id" */
    public static UUID parse(String raw, String what) {
        try {
            if (raw.length() != 36) {
                throw new IllegalArgumentException(raw);
            }
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_ID, "'" + raw + "' is not " + what);
        }
    }
}
