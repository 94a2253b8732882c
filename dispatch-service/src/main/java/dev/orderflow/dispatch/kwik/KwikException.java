package dev.orderflow.dispatch.kwik;

import java.util.function.Predicate;

/**
 * Kwik did not do what we asked. {@code retryable}: Kwik was unreachable, slow, answered 5xx or
 * "error in execution" — worth another try; a missing parameter or a refusal is not.
 */
public class KwikException extends RuntimeException {

    private final int bodyStatus;
    private final boolean retryable;

    public KwikException(int bodyStatus, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.bodyStatus = bodyStatus;
        this.retryable = retryable;
    }

    public int bodyStatus() {
        return bodyStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Resilience4j's retry predicate (application.yml, {@code retry-exception-predicate}). */
    public static final class Retryable implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable e) {
            return e instanceof KwikException k && k.retryable();
        }
    }
}
