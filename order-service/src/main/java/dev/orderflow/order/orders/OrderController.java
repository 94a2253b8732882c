package dev.orderflow.order.orders;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.order.history.HistoryEntry;
import dev.orderflow.platform.openapi.ErrorResponses;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.problem.Ids;
import dev.orderflow.platform.requests.Reason;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.validation.PlainText;

import static dev.orderflow.contracts.error.ErrorCode.FORBIDDEN;
import static dev.orderflow.contracts.error.ErrorCode.IDEMPOTENCY_CONFLICT;
import static dev.orderflow.contracts.error.ErrorCode.INVALID_ID;
import static dev.orderflow.contracts.error.ErrorCode.INVALID_STATUS;
import static dev.orderflow.contracts.error.ErrorCode.INVALID_TRANSITION;
import static dev.orderflow.contracts.error.ErrorCode.MISSING_STATUS;
import static dev.orderflow.contracts.error.ErrorCode.ORDER_NOT_FOUND;
import static dev.orderflow.contracts.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static dev.orderflow.contracts.error.ErrorCode.RATE_LIMITED;
import static dev.orderflow.contracts.error.ErrorCode.UNAUTHORIZED;
import static dev.orderflow.contracts.error.ErrorCode.UPDATE_FAILED;
import static dev.orderflow.contracts.error.ErrorCode.VALIDATION_FAILED;

/** The order half of the public API (docs/contract.md §2). */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "orders", description = "Orders: create, read, the status workflow, payment, readiness, cancel")
@ErrorResponses({VALIDATION_FAILED, UNAUTHORIZED, RATE_LIMITED, PAYLOAD_TOO_LARGE})
public class OrderController {

    private final OrderCreation creation;
    private final OrderCommands commands;
    private final OrderQueries queries;

    public OrderController(OrderCreation creation, OrderCommands commands, OrderQueries queries) {
        this.creation = creation;
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Create an order", description = "A customer orders for itself; staff for any customerId. "
            + "With an Idempotency-Key, a repeat answers the first order (Idempotent-Replayed: true).")
    @ApiResponse(responseCode = "201", description = "The new order (Location: its URL)", useReturnTypeSchema = true)
    @ErrorResponses({FORBIDDEN, IDEMPOTENCY_CONFLICT})
    public ResponseEntity<OrderSnapshot> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewOrder body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) @PlainText String idempotencyKey) {
        Caller caller = Caller.of(jwt);
        OrderCreation.Created created = creation.create(caller, body, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + created.order().id()))
                .header("Idempotent-Replayed", String.valueOf(created.replayed()))
                .body(queries.view(caller, created.order()));
    }

    @GetMapping
    @Operation(summary = "List the orders the caller may see, newest first",
            description = "status filters by an order status or a dispatch status (BOOKED…); updatedSince (ISO-8601) is the polling fallback.")
    public OrderQueries.OrderPage list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int pageSize,
            @RequestParam(required = false) @Size(max = 64) @PlainText String status,
            @RequestParam(required = false) @Size(max = 64) String updatedSince) {
        return queries.page(Caller.of(jwt), page, pageSize, status, instant(updatedSince));
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "One consolidated order", description = "The OTP of its dispatch appears only in the customer's own view.")
    @ErrorResponses({INVALID_ID, ORDER_NOT_FOUND})
    public OrderSnapshot get(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = Caller.of(jwt);
        return queries.view(caller, queries.visible(caller, Ids.parse(orderId, "an order id")));
    }

    @GetMapping("/{orderId}/history")
    @Operation(summary = "The audit log of an order, oldest first")
    @ErrorResponses({INVALID_ID, ORDER_NOT_FOUND})
    public List<HistoryEntry> history(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return queries.history(Caller.of(jwt), Ids.parse(orderId, "an order id"));
    }

    @PatchMapping("/{orderId}/status")
    @Operation(summary = "Move the order through the status workflow (staff)")
    @ErrorResponses({FORBIDDEN, INVALID_ID, ORDER_NOT_FOUND, MISSING_STATUS, INVALID_STATUS, INVALID_TRANSITION, UPDATE_FAILED})
    public OrderSnapshot changeStatus(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                      @RequestBody @Valid StatusChange body) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.changeStatus(Ids.parse(orderId, "an order id"), body.status(), body.note(), caller.userId()));
    }

    @PostMapping("/{orderId}/payment/capture")
    @Operation(summary = "Capture the payment (staff; idempotent)")
    @ErrorResponses({FORBIDDEN, INVALID_ID, ORDER_NOT_FOUND, INVALID_TRANSITION, UPDATE_FAILED})
    public OrderSnapshot capturePayment(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.capturePayment(Ids.parse(orderId, "an order id"), caller.userId()));
    }

    @PostMapping("/{orderId}/ready")
    @Operation(summary = "Mark the order ready for dispatch (staff; idempotent)",
            description = "Paid and ready opens the dispatch gate: a courier is booked.")
    @ErrorResponses({FORBIDDEN, INVALID_ID, ORDER_NOT_FOUND, INVALID_TRANSITION, UPDATE_FAILED})
    public OrderSnapshot markReady(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.markReady(Ids.parse(orderId, "an order id"), caller.userId()));
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(summary = "Cancel the order (staff)", description = "Its dispatch is cancelled too unless already picked up.")
    @ErrorResponses({FORBIDDEN, INVALID_ID, ORDER_NOT_FOUND, INVALID_TRANSITION, UPDATE_FAILED})
    public OrderSnapshot cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                @RequestBody(required = false) @Valid Reason body) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.cancel(Ids.parse(orderId, "an order id"), body == null ? null : body.reason(), caller.userId()));
    }

    public record StatusChange(@Size(max = 64) @PlainText String status,
                               @Size(max = 1000) @PlainText(multiline = true) String note) {
    }

    /** Only STAFF and ADMIN change an order (docs/contract.md §1). */
    public static Caller staff(Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (!caller.isStaff()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only staff may do this");
        }
        return caller;
    }

    private static Instant instant(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "updatedSince: must be an ISO-8601 UTC time");
        }
    }
}
