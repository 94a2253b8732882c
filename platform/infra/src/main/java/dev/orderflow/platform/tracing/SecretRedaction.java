package dev.orderflow.platform.tracing;

import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Secrets some APIs take in the query string (Kwik's {@code access_token}, our webhook's
 * {@code token}) never reach span attributes or metric tags: every observation key value that
 * carries one has its value replaced by {@code [REDACTED]} before the tracing and metrics
 * handlers see it (http.url of the client and server observations, uri, ...).
 */
public class SecretRedaction implements ObservationFilter {

    private static final Pattern SECRET = Pattern.compile(
            "(?i)([?&;](?:access_token|token|api_key|apikey|password|secret|client_secret|code)=)[^&#\\s]*");

    @Override
    public Observation.Context map(Observation.Context context) {
        for (KeyValue keyValue : List.copyOf(context.getLowCardinalityKeyValues().stream().toList())) {
            String redacted = redact(keyValue.getValue());
            if (!redacted.equals(keyValue.getValue())) {
                context.addLowCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
            }
        }
        for (KeyValue keyValue : List.copyOf(context.getHighCardinalityKeyValues().stream().toList())) {
            String redacted = redact(keyValue.getValue());
            if (!redacted.equals(keyValue.getValue())) {
                context.addHighCardinalityKeyValue(KeyValue.of(keyValue.getKey(), redacted));
            }
        }
        return context;
    }

    public static String redact(String value) {
        return value == null || value.indexOf('=') < 0 ? value : SECRET.matcher(value).replaceAll("$1[REDACTED]");
    }
}
