package dev.orderflow.dispatch.api;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.dispatch.booking.Cancellations;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.platform.openapi.ErrorResponses;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.problem.Ids;
import dev.orderflow.platform.requests.OtpCode;
import dev.orderflow.platform.requests.Reason;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.security.ServiceTokens;

import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_ALREADY_DELIVERED;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_CREATION_FAILED;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_CANCELLABLE;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_FOUND;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_IN_TRANSIT;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_REDISPATCHABLE;
import static dev.orderflow.contracts.error.ErrorCode.FORBIDDEN;
import static dev.orderflow.contracts.error.ErrorCode.INVALID_ID;
import static dev.orderflow.contracts.error.ErrorCode.OTP_INVALID;
import static dev.orderflow.contracts.error.ErrorCode.OTP_LOCKED;
import static dev.orderflow.contracts.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static dev.orderflow.contracts.error.ErrorCode.PAYMENT_NOT_CAPTURED;
import static dev.orderflow.contracts.error.ErrorCode.UNAUTHORIZED;
import static dev.orderflow.contracts.error.ErrorCode.VALIDATION_FAILED;

/**
 * The commands order-service forwards with a service token naming the user it acts for. We check
 * the user's rights again (defence in depth: a bug or a stolen service token in one place does not
 * open every dispatch): staff cancel and re-dispatch; staff or the rider the dispatch is assigned
 * to verify its OTP or read it. Answers the dispatch without its OTP.
 */
@RestController
@RequestMapping("/internal/v1")
@Tag(name = "internal dispatch", description = "Called by order-service only, with a service token acting for the user (docs/contract.md §9)")
@ErrorResponses({VALIDATION_FAILED, UNAUTHORIZED, FORBIDDEN, INVALID_ID, PAYLOAD_TOO_LARGE})
public class InternalDispatchController {

    private final Cancellations cancellations;
    private final DispatchCommands commands;
    private final DispatchRepository dispatches;

    public InternalDispatchController(Cancellations cancellations, DispatchCommands commands,
                                      DispatchRepository dispatches) {
        this.cancellations = cancellations;
        this.commands = commands;
        this.dispatches = dispatches;
    }

    @PostMapping("/orders/{orderId}/dispatch/cancel")
    @Operation(summary = "Cancel the order's active dispatch and its courier task")
    @ErrorResponses({DISPATCH_NOT_FOUND, DISPATCH_NOT_CANCELLABLE})
    public DispatchSnapshot cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                   @RequestBody(required = false) @Valid Reason body) {
        staff(jwt);
        return cancellations.cancel(id(orderId), body == null ? null : body.reason(),
                ServiceTokens.actor(jwt).userId()).snapshot();
    }

    @PostMapping("/orders/{orderId}/dispatch/redispatch")
    @Operation(summary = "Book a new attempt after FAILED or CANCELED")
    @ErrorResponses({DISPATCH_NOT_FOUND, DISPATCH_NOT_REDISPATCHABLE, PAYMENT_NOT_CAPTURED, DISPATCH_CREATION_FAILED})
    public DispatchSnapshot redispatch(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        staff(jwt);
        return commands.redispatch(id(orderId)).snapshot();
    }

    @PostMapping("/dispatches/{dispatchId}/otp/verify")
    @Operation(summary = "Verify the delivery OTP; success delivers the dispatch")
    @ErrorResponses({DISPATCH_NOT_FOUND, DISPATCH_NOT_IN_TRANSIT, DISPATCH_ALREADY_DELIVERED, OTP_INVALID, OTP_LOCKED})
    public DispatchSnapshot verifyOtp(@AuthenticationPrincipal Jwt jwt, @PathVariable String dispatchId,
                                      @RequestBody @Valid OtpCode body) {
        UUID id = id(dispatchId);
        staffOrAssignedRider(jwt, id);
        return commands.verifyOtp(id, body.code(), ServiceTokens.actor(jwt).userId()).snapshot();
    }

    @GetMapping("/dispatches/{dispatchId}")
    @Operation(summary = "One dispatch, without its OTP (staff, or the rider it is assigned to)")
    @ErrorResponses(DISPATCH_NOT_FOUND)
    public DispatchSnapshot get(@AuthenticationPrincipal Jwt jwt, @PathVariable String dispatchId) {
        UUID id = id(dispatchId);
        staffOrAssignedRider(jwt, id);
        return dispatches.find(id).orElseThrow(() -> notFound(dispatchId)).snapshot();
    }

    private static void staff(Jwt jwt) {
        if (!ServiceTokens.actor(jwt).isStaff()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only staff may do this");
        }
    }

    /** An AGENT only for the dispatch its rider assignment names (its JWT sub is the driver's agentId). */
    private void staffOrAssignedRider(Jwt jwt, UUID dispatchId) {
        Caller actor = ServiceTokens.actor(jwt);
        if (actor.isStaff()) {
            return;
        }
        boolean assigned = actor.isAgent() && dispatches.find(dispatchId)
                .map(d -> d.driver() != null && actor.userId().equals(d.driver().agentId()))
                .orElse(false);
        if (!assigned) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only staff or the rider assigned to this dispatch may do this");
        }
    }

    private static ApiException notFound(String dispatchId) {
        return new ApiException(ErrorCode.DISPATCH_NOT_FOUND, "No dispatch " + dispatchId);
    }

    private static UUID id(String raw) {
        return Ids.parse(raw, "an id");
    }
}
