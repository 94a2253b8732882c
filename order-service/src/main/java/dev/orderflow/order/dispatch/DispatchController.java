package dev.orderflow.order.dispatch;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.order.notifications.OtpLockNotifier;
import dev.orderflow.order.orders.Order;
import dev.orderflow.order.orders.OrderQueries;
import dev.orderflow.order.orders.OrderRepository;
import dev.orderflow.platform.openapi.ErrorResponses;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.problem.Ids;
import dev.orderflow.platform.requests.OtpCode;
import dev.orderflow.platform.requests.Reason;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.validation.PlainText;

import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_ALREADY_DELIVERED;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_CREATION_FAILED;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_CANCELLABLE;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_FOUND;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_IN_TRANSIT;
import static dev.orderflow.contracts.error.ErrorCode.DISPATCH_NOT_REDISPATCHABLE;
import static dev.orderflow.contracts.error.ErrorCode.FORBIDDEN;
import static dev.orderflow.contracts.error.ErrorCode.INVALID_ID;
import static dev.orderflow.contracts.error.ErrorCode.ORDER_NOT_FOUND;
import static dev.orderflow.contracts.error.ErrorCode.OTP_INVALID;
import static dev.orderflow.contracts.error.ErrorCode.OTP_LOCKED;
import static dev.orderflow.contracts.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static dev.orderflow.contracts.error.ErrorCode.PAYMENT_NOT_CAPTURED;
import static dev.orderflow.contracts.error.ErrorCode.RATE_LIMITED;
import static dev.orderflow.contracts.error.ErrorCode.SERVICE_UNAVAILABLE;
import static dev.orderflow.contracts.error.ErrorCode.UNAUTHORIZED;
import static dev.orderflow.contracts.error.ErrorCode.VALIDATION_FAILED;
import static dev.orderflow.order.orders.OrderController.staff;

/**
 * The dispatch commands of the public API. order-service checks who may act on which order and
 * forwards to dispatch-service; the consolidated order shows the result when dispatch.events
 * comes back. Each answers the dispatch as dispatch-service left it.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "dispatch", description = "Dispatch commands, forwarded to dispatch-service; each answers the dispatch")
@ErrorResponses({VALIDATION_FAILED, UNAUTHORIZED, RATE_LIMITED, PAYLOAD_TOO_LARGE, FORBIDDEN, INVALID_ID, SERVICE_UNAVAILABLE})
public class DispatchController {

    private final DispatchServiceClient dispatches;
    private final OrderQueries queries;
    private final OrderRepository orders;
    private final OtpLockNotifier otpLocks;

    public DispatchController(DispatchServiceClient dispatches, OrderQueries queries, OrderRepository orders,
                              OtpLockNotifier otpLocks) {
        this.dispatches = dispatches;
        this.otpLocks = otpLocks;
        this.queries = queries;
        this.orders = orders;
    }

    @PostMapping("/orders/{orderId}/dispatch/cancel")
    @Operation(summary = "Cancel the order's active dispatch (staff; only BOOKED or ASSIGNED)")
    @ErrorResponses({ORDER_NOT_FOUND, DISPATCH_NOT_FOUND, DISPATCH_NOT_CANCELLABLE})
    public DispatchSnapshot cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                   @RequestBody(required = false) @Valid Reason body) {
        Caller caller = staff(jwt);
        Order order = queries.visible(caller, Ids.parse(orderId, "an order id"));
        return dispatches.cancel(order.id().toString(), body == null ? null : body.reason(), caller);
    }

    @PostMapping("/orders/{orderId}/dispatch/redispatch")
    @Operation(summary = "Book a new dispatch attempt after FAILED or CANCELED (staff)")
    @ErrorResponses({ORDER_NOT_FOUND, DISPATCH_NOT_FOUND, DISPATCH_NOT_REDISPATCHABLE, PAYMENT_NOT_CAPTURED, DISPATCH_CREATION_FAILED})
    public DispatchSnapshot redispatch(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = staff(jwt);
        Order order = queries.visible(caller, Ids.parse(orderId, "an order id"));
        return dispatches.redispatch(order.id().toString(), caller);
    }

    /** Staff give an in-house job to a rider, or move it to another (that rider loses it at once). */
    @PostMapping("/orders/{orderId}/dispatch/assign")
    public DispatchSnapshot assign(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                   @RequestBody @Valid Assignment body) {
        Caller caller = staff(jwt);
        Order order = queries.visible(caller, Ids.parse(orderId, "an order id"));
        return dispatches.assign(order.id().toString(), body.agentId(), caller);
    }

    /** Staff close a stuck dispatch by hand (OTP locked, rider unreachable), with the reason for the history. */
    @PostMapping("/orders/{orderId}/dispatch/complete")
    public DispatchSnapshot complete(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                     @RequestBody @Valid Completion body) {
        Caller caller = staff(jwt);
        Order order = queries.visible(caller, Ids.parse(orderId, "an order id"));
        return dispatches.complete(order.id().toString(), body.outcome(), body.reason(), caller);
    }

    /** Staff, or the agent the dispatch is assigned to (docs/contract.md §1). */
    @PostMapping("/dispatch/{dispatchId}/otp/verify")
    @Operation(summary = "Verify the delivery OTP (staff, or the agent it is assigned to); success delivers the dispatch")
    @ErrorResponses({DISPATCH_NOT_FOUND, DISPATCH_NOT_IN_TRANSIT, DISPATCH_ALREADY_DELIVERED, OTP_INVALID, OTP_LOCKED})
    public DispatchSnapshot verifyOtp(@AuthenticationPrincipal Jwt jwt, @PathVariable String dispatchId,
                                      @RequestBody @Valid OtpCode body) {
        Caller caller = Caller.of(jwt);
        UUID id = Ids.parse(dispatchId, "a dispatch id");
        if (!caller.isStaff()) {
            boolean ownDelivery = caller.isAgent() && orders.findByDispatchId(id.toString())
                    .map(o -> caller.userId().equals(o.agentId())).orElse(false);
            if (!ownDelivery) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only staff or the assigned agent may verify this OTP");
            }
        }
        try {
            return dispatches.verifyOtp(id.toString(), body.code(), caller);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.OTP_LOCKED) {
                otpLocks.locked(id);
            }
            throw e;
        }
    }

    public record Assignment(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@:-]+",
            message = "letters, digits and ._@:- only") String agentId) {
    }

    public record Completion(@NotNull @Pattern(regexp = "DELIVERED|FAILED", message = "DELIVERED or FAILED") String outcome,
                             @NotBlank @Size(max = 1000) @PlainText(multiline = true) String reason) {
    }
}
