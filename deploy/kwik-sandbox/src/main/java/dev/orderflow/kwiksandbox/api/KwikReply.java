package dev.orderflow.kwiksandbox.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.orderflow.contracts.kwik.KwikFields;

/**
 * Every Kwik reply: {@code {status, message, data}}. The body status, not the HTTP status, says
 * whether the call succeeded (200); errors travel with HTTP 200 like the real API.
 */
public record KwikReply(@JsonProperty(KwikFields.STATUS) int status,
                        @JsonProperty(KwikFields.MESSAGE) String message,
                        @JsonProperty(KwikFields.DATA) Object data) {

    public static final int ACTION_COMPLETE = 200;
    public static final int PARAMETER_MISSING = 100;
    public static final int INVALID_KEY = 101;
    public static final int ERROR_IN_EXECUTION = 404;

    public static KwikReply ok(Object data) {
        return new KwikReply(ACTION_COMPLETE, "Successful", data);
    }

    public static KwikReply error(int status, String message) {
        return new KwikReply(status, message, null);
    }
}
