package dev.orderflow.order.orders;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

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

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.order.history.HistoryEntry;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.validation.PlainText;

/** The order half of the public API (docs/contract.md §2). */
@RestController
@RequestMapping("/api/v1/orders")
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
    public ResponseEntity<OrderSnapshot> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewOrder body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) @PlainText String idempotencyKey) {
        Caller caller = Caller.of(jwt);
        OrderCreation.Created created = creation.create(caller, body, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + created.order().id()))
                .header("Idempotent-Replayed", String.valueOf(created.replayed()))
                .body(queries.view(caller, created.order()));
    }

    @GetMapping
    public OrderQueries.OrderPage list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int pageSize,
            @RequestParam(required = false) @Size(max = 64) @PlainText String status,
            @RequestParam(required = false) @Size(max = 64) String updatedSince) {
        return queries.page(Caller.of(jwt), page, pageSize, status, instant(updatedSince));
    }

    @GetMapping("/{orderId}")
    public OrderSnapshot get(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = Caller.of(jwt);
        return queries.view(caller, queries.visible(caller, id(orderId)));
    }

    @GetMapping("/{orderId}/history")
    public List<HistoryEntry> history(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        return queries.history(Caller.of(jwt), id(orderId));
    }

    @PatchMapping("/{orderId}/status")
    public OrderSnapshot changeStatus(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                      @RequestBody @Valid StatusChange body) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.changeStatus(id(orderId), body.status(), body.note(), caller.userId()));
    }

    @PostMapping("/{orderId}/payment/capture")
    public OrderSnapshot capturePayment(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.capturePayment(id(orderId), caller.userId()));
    }

    @PostMapping("/{orderId}/ready")
    public OrderSnapshot markReady(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.markReady(id(orderId), caller.userId()));
    }

    @PostMapping("/{orderId}/cancel")
    public OrderSnapshot cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId,
                                @RequestBody(required = false) @Valid Reason body) {
        Caller caller = staff(jwt);
        return queries.view(caller, commands.cancel(id(orderId), body == null ? null : body.reason(), caller.userId()));
    }

    public record StatusChange(@Size(max = 64) @PlainText String status,
                               @Size(max = 1000) @PlainText(multiline = true) String note) {
    }

    public record Reason(@Size(max = 1000) @PlainText(multiline = true) String reason) {
    }

    /** Only STAFF and ADMIN change an order (docs/contract.md §1). */
    public static Caller staff(Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (!caller.isStaff()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only staff may do this");
        }
        return caller;
    }

    public static UUID id(String raw) {
        try {
            if (raw.length() != 36) {
                throw new IllegalArgumentException(raw);
            }
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_ID, "'" + raw + "' is not an order id");
        }
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
