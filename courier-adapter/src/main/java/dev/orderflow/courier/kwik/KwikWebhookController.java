package dev.orderflow.courier.kwik;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.courier.inbox.InboxOutcome;
import dev.orderflow.courier.inbox.WebhookInbox;
import dev.orderflow.platform.openapi.ErrorResponses;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.problem.Problems;
import dev.orderflow.platform.tracing.TraceContext;
import dev.orderflow.platform.web.CallerLimits;

import static dev.orderflow.contracts.error.ErrorCode.FORBIDDEN;
import static dev.orderflow.contracts.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static dev.orderflow.contracts.error.ErrorCode.RATE_LIMITED;
import static dev.orderflow.contracts.error.ErrorCode.UNAUTHORIZED;
import static dev.orderflow.contracts.error.ErrorCode.VALIDATION_FAILED;

/**
 * {@code POST /webhooks/kwik} (docs/contract.md §6; docs/kwik.md §4): authenticate by the shared
 * secret, validate, store in the inbox with its events, then answer 200. A repeat answers 200
 * again and publishes nothing.
 */
@RestController
@Tag(name = "kwik webhook", description = "Kwik's task status callbacks (docs/contract.md §6, docs/kwik.md §4)")
public class KwikWebhookController {

    private static final Logger log = LoggerFactory.getLogger(KwikWebhookController.class);

    /** Request headers worth keeping with the raw body, for support and forensics. */
    private static final List<String> HEADERS_OF_INTEREST =
            List.of("Content-Type", "User-Agent", "X-Forwarded-For", "X-Request-Id", "traceparent");

    /** The answer to an accepted callback. */
    public record Receipt(String outcome, String jobId) {
    }

    /** A callback without the shared secret. */
    static class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("Missing or wrong webhook token");
        }
    }

    private final CallerLimits limits;
    private final KwikWebhookProperties properties;
    private final KwikCallbackHandler handler;
    private final WebhookInbox inbox;
    private final JsonMapper json;
    private final MeterRegistry metrics;
    private final TraceContext trace;

    public KwikWebhookController(KwikWebhookProperties properties, KwikCallbackHandler handler, WebhookInbox inbox,
                                 JsonMapper json, MeterRegistry metrics, TraceContext trace,
                                 @Value("${orderflow.webhook.rate-limit.requests-per-period:200}") int requests,
                                 @Value("${orderflow.webhook.rate-limit.period:1s}") Duration period) {
        // per sending address: Kwik calls from a few addresses; a flood from one is cut off before the token check
        this.limits = new CallerLimits(requests, period, 10_000);
        this.trace = trace;
        this.properties = properties;
        this.handler = handler;
        this.inbox = inbox;
        this.json = json;
        this.metrics = metrics;
        Gauge.builder("courier.webhooks.unmatched", inbox, WebhookInbox::countUnmatched)
                .description("Stored courier callbacks without an orderId (see GET /webhooks/kwik/unmatched)")
                .register(metrics);
    }

    /**
     * The token is checked before a byte of the body is read (the body is taken from the request
     * only then, and the platform's BodySizeLimitFilter caps it): an unauthenticated caller cannot
     * make us buffer anything.
     */
    @PostMapping("/webhooks/kwik")
    @Operation(summary = "Receive a Kwik task status callback",
            description = "Stored before it is acknowledged; outcome PUBLISHED, UNMATCHED, UNKNOWN_STATUS or DUPLICATE. "
                    + "Authenticated by the shared secret in ?token=, not a JWT; the token is checked before the body is read.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "Kwik's callback (snake_case JSON: job_id, job_status, order_id, fleet_*, timestamp; docs/kwik.md §4)",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))))
    @SecurityRequirements
    @ErrorResponses({VALIDATION_FAILED, UNAUTHORIZED, PAYLOAD_TOO_LARGE, RATE_LIMITED})
    public Receipt receive(@Parameter(description = "The shared webhook secret we gave Kwik in the callback URL")
                           @RequestParam(name = "token", required = false) String token,
                           HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!limits.tryAcquire(request.getRemoteAddr())) {
            count("REJECTED_RATE_LIMITED");
            response.setHeader("Retry-After", String.valueOf(limits.retryAfterSeconds()));
            throw new ApiException(ErrorCode.RATE_LIMITED, "Too many callbacks from this address; retry later");
        }
        if (!properties.accepts(token)) {
            count("REJECTED_UNAUTHORIZED");
            throw new Unauthenticated();
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        KwikCallback callback;
        try {
            callback = KwikCallback.parse(json, body);
        } catch (ApiException e) {
            count("REJECTED_MALFORMED");
            throw e;
        }
        InboxOutcome outcome = handler.handle(callback, body, headersOfInterest(request));
        count(outcome.name());
        try (var orderId = MDC.putCloseable("orderId", callback.orderId())) {
            log.atInfo().addKeyValue("event", "WEBHOOK_RECEIVED")
                    .addKeyValue("provider", KwikCallbackHandler.PROVIDER)
                    .addKeyValue("jobId", callback.jobId())
                    .addKeyValue("jobStatus", callback.jobStatus())
                    .addKeyValue("outcome", outcome)
                    .log("Kwik callback for job {} status {}: {}", callback.jobId(), callback.jobStatus(), outcome);
        }
        return new Receipt(outcome.name(), callback.jobId());
    }

    /** Callbacks kept without an orderId, newest first (STAFF/ADMIN; see SecurityConfig). */
    @GetMapping("/webhooks/kwik/unmatched")
    @Operation(summary = "Stored callbacks without an order, newest first (staff report)")
    @ErrorResponses({VALIDATION_FAILED, UNAUTHORIZED, FORBIDDEN})
    public List<WebhookInbox.Unmatched> unmatched(@RequestParam(defaultValue = "100") int limit) {
        return inbox.unmatched(Math.clamp(limit, 1, 1000));
    }

    /** 401 UNAUTHORIZED with the challenge HTTP requires (the token goes in the callback URL). */
    @ExceptionHandler(Unauthenticated.class)
    ResponseEntity<ProblemDetail> unauthenticated(Unauthenticated e) {
        ResponseEntity<ProblemDetail> problem =
                Problems.response(Problems.of(ErrorCode.UNAUTHORIZED, e.getMessage(), trace.currentTraceId()));
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Token realm=\"kwik-webhook\", param=\"token\"")
                .body(problem.getBody());
    }

    private void count(String outcome) {
        Counter.builder("courier.webhooks").tag("provider", KwikCallbackHandler.PROVIDER).tag("outcome", outcome)
                .description("Courier callbacks received, by outcome").register(metrics).increment();
    }

    private static Map<String, String> headersOfInterest(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : HEADERS_OF_INTEREST) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
