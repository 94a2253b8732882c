package dev.orderflow.dispatch.api;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.dispatch.booking.Cancellations;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.validation.PlainText;

/**
 * The commands order-service forwards (it checks who may act on which order; we check the
 * dispatch rules). Answers the dispatch without its OTP.
 */
@RestController
@RequestMapping("/internal/v1")
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
    public DispatchSnapshot cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                   @RequestBody(required = false) @Valid Reason body) {
        return cancellations.cancel(id(orderId), body == null ? null : body.reason(), jwt.getSubject()).snapshot();
    }

    @PostMapping("/orders/{orderId}/dispatch/redispatch")
    public DispatchSnapshot redispatch(@PathVariable String orderId) {
        return commands.redispatch(id(orderId)).snapshot();
    }

    @PostMapping("/dispatches/{dispatchId}/otp/verify")
    public DispatchSnapshot verifyOtp(@AuthenticationPrincipal Jwt jwt, @PathVariable String dispatchId,
                                      @RequestBody @Valid OtpCode body) {
        return commands.verifyOtp(id(dispatchId), body.code(), jwt.getSubject()).snapshot();
    }

    @GetMapping("/dispatches/{dispatchId}")
    public DispatchSnapshot get(@PathVariable String dispatchId) {
        return dispatches.find(id(dispatchId))
                .orElseThrow(() -> new ApiException(ErrorCode.DISPATCH_NOT_FOUND, "No dispatch " + dispatchId))
                .snapshot();
    }

    public record Reason(@Size(max = 1000) @PlainText(multiline = true) String reason) {
    }

    public record OtpCode(@NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
    }

    public static UUID id(String raw) {
        try {
            if (raw.length() != 36) {
                throw new IllegalArgumentException(raw);
            }
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_ID, "'" + raw + "' is not an id");
        }
    }
}
