package dev.orderflow.order.agent;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.order.dispatch.DispatchServiceClient;
import dev.orderflow.order.orders.OrderQueries;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.problem.Ids;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.validation.PlainText;



/**
 * The rider's API (role AGENT, docs/contract.md §2): its own jobs, read from the consolidated
 * orders (an order is a rider's while its dispatch names it), and the commands on them, forwarded
 * to dispatch-service with the rider's token. Staff see who is online at {@code GET /riders}.
 */
@RestController
@RequestMapping("/api/v1")
public class AgentController {

    private static final Set<String> LIVE = Set.of("BOOKED", "ASSIGNED", "PICKED_UP", "IN_TRANSIT");

    private final OrderQueries queries;
    private final DispatchServiceClient dispatches;
    private final JsonMapper json;

    public AgentController(OrderQueries queries, DispatchServiceClient dispatches, JsonMapper json) {
        this.queries = queries;
        this.dispatches = dispatches;
        this.json = json;
    }

    /** The rider's live jobs (offers included), newest first; {@code updatedSince} for polling. */
    @GetMapping("/agent/jobs")
    public Jobs jobs(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) Instant updatedSince) {
        Caller caller = agent(jwt);
        List<OrderSnapshot> live = queries.page(caller, 1, 100, null, updatedSince).items().stream()
                .filter(o -> o.dispatch() != null && o.dispatch().status() != null
                        && LIVE.contains(o.dispatch().status().name()))
                .toList();
        return new Jobs(live, Instant.now());
    }

    @PostMapping("/agent/jobs/{orderId}/accept")
    public DispatchSnapshot accept(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return job(jwt, orderId, "accept", null);
    }

    @PostMapping("/agent/jobs/{orderId}/decline")
    public DispatchSnapshot decline(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                    @RequestBody(required = false) @Valid Reason body) {
        return job(jwt, orderId, "decline", body == null ? new Reason(null) : body);
    }

    @PostMapping("/agent/jobs/{orderId}/status")
    public DispatchSnapshot status(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                   @RequestBody @Valid Progress body) {
        if ("FAILED".equals(body.status()) && (body.reason() == null || body.reason().isBlank())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "reason: required when the job FAILED");
        }
        return job(jwt, orderId, "status", body);
    }

    @PutMapping("/agent/availability")
    public JsonNode availability(@AuthenticationPrincipal Jwt jwt, @RequestBody @Valid Availability body) {
        Caller caller = agent(jwt);
        if ((body.lat() == null) != (body.lng() == null)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "lat and lng: both or neither");
        }
        return dispatches.call(HttpMethod.PUT, "/internal/v1/agent/availability", null, body, caller);
    }

    @PostMapping("/agent/location")
    public JsonNode location(@AuthenticationPrincipal Jwt jwt, @RequestBody @Valid Location body) {
        return dispatches.call(HttpMethod.POST, "/internal/v1/agent/location", null, body, agent(jwt));
    }

    @GetMapping("/riders")
    public JsonNode riders(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (!caller.isStaff()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Staff only");
        }
        return dispatches.call(HttpMethod.GET, "/internal/v1/riders", null, null, caller);
    }

    public record Jobs(List<OrderSnapshot> items, Instant asOf) {
    }

    public record Reason(@Size(max = 1000) @PlainText(multiline = true) String reason) {
    }

    public record Progress(@NotNull @Pattern(regexp = "PICKED_UP|IN_TRANSIT|FAILED",
            message = "PICKED_UP, IN_TRANSIT or FAILED") String status, @Size(max = 1000) @PlainText(multiline = true) String reason) {
    }

    public record Availability(@NotNull Boolean available,
                               @DecimalMin("-90") @DecimalMax("90") Double lat,
                               @DecimalMin("-180") @DecimalMax("180") Double lng) {
    }

    /** A position: degrees, heading 0–360, speed m/s, accuracy metres. */
    public record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
                           @DecimalMin("0") @DecimalMax("360") Double heading,
                           @DecimalMin("0") @DecimalMax("100") Double speed,
                           @DecimalMin("0") @DecimalMax("100000") Double accuracy) {
    }

    private DispatchSnapshot job(Jwt jwt, String orderId, String command, Object body) {
        Caller caller = agent(jwt);
        String order = Ids.parse(orderId, "an order id").toString(); // a job the rider does not hold is DISPATCH_NOT_FOUND from dispatch-service
        JsonNode answer = dispatches.call(HttpMethod.POST, "/internal/v1/agent/jobs/{id}/" + command, order, body, caller);
        return json.treeToValue(answer, DispatchSnapshot.class);
    }

    private static Caller agent(Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (!caller.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Riders (AGENT) only");
        }
        return caller;
    }
}
