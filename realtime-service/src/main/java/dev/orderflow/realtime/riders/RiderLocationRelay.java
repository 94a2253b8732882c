package dev.orderflow.realtime.riders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.corundumstudio.socketio.AckRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.security.Caller;

/**
 * The rider app's {@code driver:location} socket event: checked here (an AGENT, numbers in range)
 * and handed to the public API ({@code POST /api/v1/agent/location}) with the rider's own token, so
 * the socket and REST paths share one set of rules (active job, rate per rider) and one writer.
 * The call is asynchronous: a Netty event loop never waits for it. The ack is {@code {ok:true, jobs}}
 * or {@code {ok:false, code, message}}.
 */
@Component
public class RiderLocationRelay {

    private static final Logger log = LoggerFactory.getLogger(RiderLocationRelay.class);
    private static final Map<String, double[]> RANGES = Map.of(
            "lat", new double[] {-90, 90}, "lng", new double[] {-180, 180}, "heading", new double[] {0, 360},
            "speed", new double[] {0, 100}, "accuracy", new double[] {0, 100_000});

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;
    private final JsonMapper json;

    public RiderLocationRelay(@Value("${orderflow.realtime.api-url:http://localhost:8080}") String apiUrl, JsonMapper json) {
        this.endpoint = URI.create(apiUrl + "/api/v1/agent/location");
        this.json = json;
    }

    public void relay(Caller caller, String token, Object data, AckRequest ack) {
        if (caller == null || token == null) {
            ack.sendAckData(refused("UNAUTHORIZED", "no identity on this connection"));
            return;
        }
        if (!caller.isAgent()) {
            ack.sendAckData(refused("FORBIDDEN", "only riders (AGENT) send positions"));
            return;
        }
        Map<String, Object> position = new LinkedHashMap<>();
        String invalid = validate(data, position);
        if (invalid != null) {
            ack.sendAckData(refused("VALIDATION_FAILED", invalid));
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(position))).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            if (error != null) {
                log.warn("Rider position not relayed for {}: {}", caller.userId(), error.toString());
                ack.sendAckData(refused("SERVICE_UNAVAILABLE", "try again"));
                return;
            }
            ack.sendAckData(answer(response));
        });
    }

    private Map<String, Object> answer(HttpResponse<byte[]> response) {
        try {
            JsonNode body = json.readTree(response.body());
            if (response.statusCode() < 300) {
                Map<String, Object> ok = new LinkedHashMap<>();
                ok.put("ok", true);
                ok.put("jobs", json.treeToValue(body.path("jobs"), Object.class));
                return ok;
            }
            return refused(body.path("code").asString("SERVICE_UNAVAILABLE"), body.path("detail").asString(""));
        } catch (RuntimeException unreadable) {
            return refused("SERVICE_UNAVAILABLE", "unexpected answer " + response.statusCode());
        }
    }

    /** Null when {@code data} is a valid position (copied to {@code out}), else what is wrong. */
    static String validate(Object data, Map<String, Object> out) {
        if (!(data instanceof Map<?, ?> map)) {
            return "expected {lat, lng, heading?, speed?, accuracy?}";
        }
        for (String field : new String[] {"lat", "lng", "heading", "speed", "accuracy"}) {
            Object value = map.get(field);
            boolean required = field.equals("lat") || field.equals("lng");
            if (value == null) {
                if (required) {
                    return field + ": required";
                }
                continue;
            }
            double[] range = RANGES.get(field);
            if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())
                    || n.doubleValue() < range[0] || n.doubleValue() > range[1]) {
                return field + ": a number from " + range[0] + " to " + range[1];
            }
            out.put(field, n.doubleValue());
        }
        return null;
    }

    private static Map<String, Object> refused(String code, String message) {
        return Map.of("ok", false, "code", code, "message", message);
    }
}
