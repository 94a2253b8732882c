package dev.orderflow.order.notifications;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.openapi.ErrorResponses;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.security.Caller;

import static dev.orderflow.contracts.error.ErrorCode.INVALID_ID;
import static dev.orderflow.contracts.error.ErrorCode.NOTIFICATION_NOT_FOUND;
import static dev.orderflow.contracts.error.ErrorCode.RATE_LIMITED;
import static dev.orderflow.contracts.error.ErrorCode.UNAUTHORIZED;
import static dev.orderflow.contracts.error.ErrorCode.VALIDATION_FAILED;

/**
 * The caller's inbox (docs/notifications.md): their own notifications, plus the shared staff ones
 * for STAFF and ADMIN. Read state is per caller.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "notifications", description = "The caller's notification inbox (docs/notifications.md)")
@ErrorResponses({VALIDATION_FAILED, UNAUTHORIZED, RATE_LIMITED})
public class NotificationController {

    private final NotificationStore store;

    public NotificationController(NotificationStore store) {
        this.store = store;
    }

    /** One snapshot for the page and its counts, so a notification stored meanwhile is in all or none. */
    @GetMapping
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    @Operation(summary = "The caller's notifications, newest first",
            description = "Its own, plus the shared staff inbox for STAFF/ADMIN; since (ISO-8601, exclusive) is the polling cursor.")
    public NotificationPage list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "false") boolean unreadOnly,
            @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int pageSize) {
        Caller caller = Caller.of(jwt);
        Instant after = instant(since);
        List<String> inboxes = inboxes(caller);
        List<Notification> items = store.page(inboxes, caller.userId(), after, unreadOnly, (page - 1) * pageSize, pageSize);
        return new NotificationPage(items, page, pageSize, store.count(inboxes, caller.userId(), after, unreadOnly),
                store.count(inboxes, caller.userId(), null, true));
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of the caller's notifications are unread")
    public UnreadCount unreadCount(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return new UnreadCount(store.count(inboxes(caller), caller.userId(), null, true));
    }

    /** Idempotent: the first read time sticks. */
    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one notification read for the caller (idempotent)")
    @ErrorResponses({INVALID_ID, NOTIFICATION_NOT_FOUND})
    public Notification read(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Caller.of(jwt);
        UUID notificationId = id(id);
        if (!store.markRead(notificationId, inboxes(caller), caller.userId())) {
            throw new ApiException(ErrorCode.NOTIFICATION_NOT_FOUND, "No notification " + id + " for you");
        }
        return store.find(notificationId, caller.userId()).orElseThrow();
    }

    @PostMapping("/read-all")
    @Operation(summary = "Mark all the caller's unread notifications read")
    public ReadAll readAll(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        int marked = store.markAllRead(inboxes(caller), caller.userId());
        return new ReadAll(marked, store.count(inboxes(caller), caller.userId(), null, true));
    }

    /** The inboxes a caller reads: their own, and the staff one for STAFF/ADMIN. */
    static List<String> inboxes(Caller caller) {
        String own = "user:" + caller.userId();
        return caller.isStaff() ? List.of(own, NotificationRules.STAFF_INBOX) : List.of(own);
    }

    private static UUID id(String raw) {
        try {
            if (raw.length() != 36) {
                throw new IllegalArgumentException(raw);
            }
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_ID, "'" + raw + "' is not a notification id");
        }
    }

    private static Instant instant(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "since: must be an ISO-8601 UTC time such as "
                    + "2026-01-31T12:00:00Z");
        }
    }

    public record NotificationPage(List<Notification> items, int page, int pageSize, long total, long unreadCount) {
    }

    public record UnreadCount(long count) {
    }

    public record ReadAll(int marked, long unreadCount) {
    }
}
