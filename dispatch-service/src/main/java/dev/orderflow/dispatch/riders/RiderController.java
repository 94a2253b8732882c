package dev.orderflow.dispatch.riders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.problem.Ids;
import dev.orderflow.platform.requests.Reason;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.security.ServiceTokens;
import dev.orderflow.platform.validation.PlainText;



/**
 * The riders' part of the internal API (docs/contract.md §9), called by order-service with a service
 * token naming the user it acts for: staff assign riders, complete stuck dispatches and see who is online; a rider
 * (AGENT, its user id is its rider id) works its own jobs and reports availability and position.
 */
@RestController
@RequestMapping("/internal/v1")
public class RiderController {

    private final Offers offers;
    private final JobProgress progress;
    private final Positions positions;
    private final RiderRepository riders;
    private final RiderProperties properties;

    public RiderController(Offers offers, JobProgress progress, Positions positions, RiderRepository riders,
                           RiderProperties properties) {
        this.offers = offers;
        this.progress = progress;
        this.positions = positions;
        this.riders = riders;
        this.properties = properties;
    }

    @PostMapping("/orders/{orderId}/dispatch/assign")
    public DispatchSnapshot assign(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                   @RequestBody @Valid Assignment body) {
        return offers.assign(Ids.parse(orderId, "an id"), body.agentId(), staff(jwt).userId()).snapshot();
    }

    @PostMapping("/orders/{orderId}/dispatch/complete")
    public DispatchSnapshot complete(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                     @RequestBody @Valid Completion body) {
        return progress.byStaff(Ids.parse(orderId, "an id"), staff(jwt).userId(), DispatchStatus.valueOf(body.outcome()), body.reason())
                .snapshot();
    }

    @GetMapping("/riders")
    public List<Rider> riders(@AuthenticationPrincipal Jwt jwt) {
        staff(jwt);
        return riders.all(properties.onlineWithin());
    }

    @PostMapping("/agent/jobs/{orderId}/accept")
    public DispatchSnapshot accept(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return offers.accept(Ids.parse(orderId, "an id"), agent(jwt)).snapshot();
    }

    @PostMapping("/agent/jobs/{orderId}/decline")
    public DispatchSnapshot decline(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                    @RequestBody(required = false) @Valid Reason body) {
        return offers.decline(Ids.parse(orderId, "an id"), agent(jwt), body == null ? null : body.reason()).snapshot();
    }

    @PostMapping("/agent/jobs/{orderId}/status")
    public DispatchSnapshot status(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                   @RequestBody @Valid Progress body) {
        DispatchStatus status = DispatchStatus.valueOf(body.status());
        if (status == DispatchStatus.FAILED && (body.reason() == null || body.reason().isBlank())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "reason: required when the job FAILED");
        }
        return progress.byRider(Ids.parse(orderId, "an id"), agent(jwt), status, body.reason()).snapshot();
    }

    @PutMapping("/agent/availability")
    public Rider availability(@AuthenticationPrincipal Jwt jwt, @RequestBody @Valid Availability body) {
        String agentId = agent(jwt);
        if ((body.lat() == null) != (body.lng() == null)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "lat and lng: both or neither");
        }
        riders.setAvailable(agentId, body.available(), body.lat() == null ? null : new Position(body.lat(), body.lng()));
        return riders.find(agentId, properties.onlineWithin()).orElseThrow();
    }

    @PostMapping("/agent/location")
    public Positions.Reported location(@AuthenticationPrincipal Jwt jwt, @RequestBody @Valid RiderLocation body) {
        return positions.report(agent(jwt), body);
    }

    public record Assignment(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@:-]+") String agentId) {
    }

    public record Completion(@NotNull @Pattern(regexp = "DELIVERED|FAILED") String outcome,
                             @NotBlank @Size(max = 1000) @PlainText(multiline = true) String reason) {
    }

    public record Progress(@NotNull @Pattern(regexp = "PICKED_UP|IN_TRANSIT|FAILED") String status,
                           @Size(max = 1000) @PlainText(multiline = true) String reason) {
    }

    public record Availability(@NotNull Boolean available,
                               @DecimalMin("-90") @DecimalMax("90") Double lat,
                               @DecimalMin("-180") @DecimalMax("180") Double lng) {
    }

    /** The user order-service acts for (the service token's {@code act}, docs/security.md). */
    private static Caller staff(Jwt jwt) {
        Caller caller = ServiceTokens.actor(jwt);
        if (!caller.isStaff()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Staff only");
        }
        return caller;
    }

    private static String agent(Jwt jwt) {
        Caller caller = ServiceTokens.actor(jwt);
        if (!caller.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Riders (AGENT) only");
        }
        return caller.userId();
    }
}
