package dev.orderflow.kwiksandbox.api;

/** A call the sandbox refuses; answered as a {@link KwikReply} with the given body status. */
public class KwikError extends RuntimeException {

    private final int status;

    public KwikError(int status, String message) {
        super(message);
        this.status = status;
    }

    public static KwikError missing(String field) {
        return new KwikError(KwikReply.PARAMETER_MISSING, "Parameter missing: " + field);
    }

    public KwikReply reply() {
        return KwikReply.error(status, getMessage());
    }
}
