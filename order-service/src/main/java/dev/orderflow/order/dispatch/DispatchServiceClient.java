package dev.orderflow.order.dispatch;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.security.ServiceTokens;

/**
 * Forwards the dispatch commands to dispatch-service (the one writer of dispatches) with a
 * short-lived service token of our own (signed with the service key, audience dispatch-service,
 * naming the caller it acts for; never the caller's token); Boot's instrumented
 * {@link RestClient.Builder} carries the caller's trace.
 * dispatch-service's problem codes reach our caller unchanged; an unreachable or failing
 * dispatch-service is SERVICE_UNAVAILABLE.
 */
@Component
public class DispatchServiceClient {

    private static final Logger log = LoggerFactory.getLogger(DispatchServiceClient.class);

    private final RestClient http;
    private final JsonMapper json;
    private final String serviceKey;

    public DispatchServiceClient(RestClient.Builder builder, JsonMapper json,
                                 @Value("${orderflow.dispatch-service.url}") String baseUrl,
                                 @Value("${orderflow.dispatch-service.timeout:5s}") Duration timeout,
                                 @Value("${orderflow.security.service-token.secret}") String serviceKey) {
        this.serviceKey = serviceKey;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = builder.clone().baseUrl(baseUrl).requestFactory(requests).build();
        this.json = json;
    }

    public DispatchSnapshot cancel(String orderId, String reason, Caller caller) {
        return post("/internal/v1/orders/{id}/dispatch/cancel", orderId, Map.of("reason", reason == null ? "" : reason), caller);
    }

    public DispatchSnapshot redispatch(String orderId, Caller caller) {
        return post("/internal/v1/orders/{id}/dispatch/redispatch", orderId, Map.of(), caller);
    }

    public DispatchSnapshot verifyOtp(String dispatchId, String code, Caller caller) {
        return post("/internal/v1/dispatches/{id}/otp/verify", dispatchId, Map.of("code", code), caller);
    }

    public DispatchSnapshot assign(String orderId, String agentId, Caller caller) {
        return post("/internal/v1/orders/{id}/dispatch/assign", orderId, Map.of("agentId", agentId), caller);
    }

    public DispatchSnapshot complete(String orderId, String outcome, String reason, Caller caller) {
        return post("/internal/v1/orders/{id}/dispatch/complete", orderId, Map.of("outcome", outcome, "reason", reason),
                caller);
    }

    /** Any other internal call ({@code method} on {@code path} with the one id in it), answered as JSON. */
    public JsonNode call(HttpMethod method, String path, String id, Object body, Caller caller) {
        return exchange(method, path, id, body, caller, JsonNode.class);
    }

    private DispatchSnapshot post(String path, String id, Object body, Caller caller) {
        return exchange(HttpMethod.POST, path, id, body, caller, DispatchSnapshot.class);
    }

    private <T> T exchange(HttpMethod method, String path, String id, Object body, Caller caller, Class<T> type) {
        String token = ServiceTokens.mint(serviceKey, "order-service", "dispatch-service", caller, Duration.ofMinutes(1));
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(path, id == null ? new Object[0] : new Object[] {id})
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve()
                    .onStatus(HttpStatusCode::isError, (req, response) -> {
                        throw problem(response.getStatusCode(), response.getBody().readAllBytes());
                    })
                    .body(type);
        } catch (ResourceAccessException e) {
            log.atWarn().addKeyValue("id", id).log("dispatch-service unreachable: {}", e.getMessage());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "dispatch-service is unavailable; retry later");
        }
    }

    /** dispatch-service's own contract code if it sent one; anything else is its outage, not the caller's fault. */
    private ApiException problem(HttpStatusCode status, byte[] body) {
        try {
            JsonNode problem = json.readTree(body);
            JsonNode code = problem.get("code");
            JsonNode detail = problem.get("detail");
            if (code != null && code.isString()) {
                ErrorCode known = ErrorCode.valueOf(code.asString());
                if (known != ErrorCode.UNAUTHORIZED && known != ErrorCode.FORBIDDEN) {
                    return new ApiException(known, detail == null ? known.name() : detail.asString());
                }
            }
        } catch (RuntimeException unreadable) {
            // not a problem body of ours: fall through
        }
        log.warn("dispatch-service answered {}", status);
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "dispatch-service failed; retry later");
    }
}
