package dev.orderflow.kwiksandbox.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import dev.orderflow.contracts.kwik.KwikFields;
import dev.orderflow.kwiksandbox.SandboxProperties;
import dev.orderflow.kwiksandbox.booking.Booking;
import dev.orderflow.kwiksandbox.booking.Bookings;
import dev.orderflow.kwiksandbox.booking.Place;
import dev.orderflow.kwiksandbox.booking.Task;
import dev.orderflow.kwiksandbox.fault.Faults;

/** The parts of Kwik's vendor API we use (docs/kwik.md §2). Errors are body statuses, HTTP 200. */
@RestController
public class KwikApiController {

    private final SandboxProperties account;
    private final AccessTokens tokens;
    private final Bookings bookings;
    private final Faults faults;

    public KwikApiController(SandboxProperties account, AccessTokens tokens, Bookings bookings, Faults faults) {
        this.account = account;
        this.tokens = tokens;
        this.bookings = bookings;
        this.faults = faults;
    }

    @PostMapping("/vendor_login")
    public KwikReply login(@RequestBody JsonNode body) {
        Json.required(body, KwikFields.DOMAIN_NAME);
        String email = Json.required(body, KwikFields.EMAIL);
        String password = Json.required(body, KwikFields.PASSWORD);
        if (!email.equalsIgnoreCase(account.email()) || !password.equals(account.password())) {
            throw new KwikError(KwikReply.INVALID_KEY, "Invalid email or password");
        }
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put(KwikFields.VENDOR_ID, account.vendorId());
        vendor.put(KwikFields.USER_ID, account.vendorId());
        vendor.put(KwikFields.EMAIL, account.email());
        vendor.put("first_name", "Orderflow");
        return KwikReply.ok(Map.of(KwikFields.ACCESS_TOKEN, tokens.issue(), KwikFields.VENDOR_DETAILS, vendor));
    }

    @PostMapping("/send_payment_for_task")
    public KwikReply quote(@RequestBody JsonNode body) {
        authenticate(body);
        BigDecimal cost = price(place(body, KwikFields.PICKUPS), place(body, KwikFields.DELIVERIES));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(KwikFields.PER_TASK_COST, cost);
        data.put(KwikFields.TOTAL_NO_OF_TASKS, 1);
        data.put(KwikFields.TOTAL_SERVICE_CHARGE, cost);
        data.put("currency", "NGN");
        return KwikReply.ok(data);
    }

    @PostMapping({"/v2/create_task_via_vendor", "/create_task_via_vendor"})
    public ResponseEntity<KwikReply> createTask(@RequestBody JsonNode body,
            @RequestHeader(name = "traceparent", required = false) String traceparent) throws InterruptedException {
        long delay = faults.bookingDelayMillis();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        authenticate(body);
        Place pickup = place(body, KwikFields.PICKUPS);
        Place delivery = place(body, KwikFields.DELIVERIES);
        Faults.FailMode failure = faults.takeBookingFailure();
        if (failure == Faults.FailMode.HTTP_500) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(KwikReply.error(500, "Internal server error (sandbox fault)"));
        }
        if (failure == Faults.FailMode.ERROR_STATUS) {
            throw new KwikError(KwikReply.ERROR_IN_EXECUTION, "Booking failed (sandbox fault)");
        }
        Booking booking = bookings.create(Json.text(body, KwikFields.ORDER_ID), pickup, delivery, traceparent);
        if (faults.takeLostReply()) {
            // booked, but the answer never reaches the merchant (as a proxy timing out upstream would say)
            return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
                    .body(KwikReply.error(504, "Gateway timeout (sandbox fault: booked, reply lost)"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(KwikFields.UNIQUE_ORDER_ID, booking.uniqueOrderId());
        if (booking.orderId() != null) {
            data.put(KwikFields.ORDER_ID, booking.orderId());
        }
        data.put(KwikFields.JOB_STATUS_CHECK_LINK, booking.trackingLink());
        data.put(KwikFields.PER_TASK_COST, price(pickup, delivery));
        data.put(KwikFields.PICKUPS, List.of(created(booking.pickup())));
        data.put(KwikFields.DELIVERIES, List.of(created(booking.delivery())));
        return ResponseEntity.ok(KwikReply.ok(data));
    }

    @GetMapping("/get_task_status")
    public KwikReply taskStatus(@RequestParam(KwikFields.ACCESS_TOKEN) String accessToken,
                                @RequestParam(KwikFields.JOB_ID) String jobId) {
        tokens.check(accessToken);
        Map<String, Object> view = bookings.view(parseJobId(jobId));
        if (view == null) {
            throw new KwikError(KwikReply.ERROR_IN_EXECUTION, "Task not found");
        }
        return KwikReply.ok(view);
    }

    /** Tookan's lookup by merchant reference: every task of the bookings made with these order ids. */
    @PostMapping("/v2/get_job_details_by_order_id")
    public KwikReply tasksByOrderId(@RequestBody JsonNode body) {
        authenticate(body);
        JsonNode orderIds = body.get(KwikFields.ORDER_IDS);
        if (orderIds == null || !orderIds.isArray() || orderIds.isEmpty()) {
            throw KwikError.missing(KwikFields.ORDER_IDS);
        }
        List<Map<String, Object>> tasks = orderIds.valueStream().map(JsonNode::asString)
                .flatMap(id -> bookings.tasksOfOrder(id).stream()).toList();
        return KwikReply.ok(tasks);
    }

    @PostMapping("/cancel_vendor_task")
    public KwikReply cancel(@RequestBody JsonNode body) {
        authenticate(body);
        long jobId = parseJobId(Json.required(body, KwikFields.JOB_ID));
        return switch (bookings.cancel(jobId)) {
            case CANCELLED -> KwikReply.ok(bookings.view(jobId));
            case NOT_CANCELLABLE -> throw new KwikError(KwikReply.ERROR_IN_EXECUTION, "Task cannot be cancelled now");
            case UNKNOWN_JOB -> throw new KwikError(KwikReply.ERROR_IN_EXECUTION, "Task not found");
        };
    }

    @ExceptionHandler(KwikError.class)
    KwikReply refused(KwikError error) {
        return error.reply();
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
    KwikReply unreadable(Exception e) {
        return KwikReply.error(KwikReply.PARAMETER_MISSING, "Parameter missing or invalid");
    }

    /** POST calls carry the token trio in the body: missing fields first (100), then the token (101). */
    private void authenticate(JsonNode body) {
        String token = Json.required(body, KwikFields.ACCESS_TOKEN);
        Json.required(body, KwikFields.VENDOR_ID);
        Json.required(body, KwikFields.DOMAIN_NAME);
        tokens.check(token);
    }

    private static Place place(JsonNode body, String listField) {
        JsonNode list = body.get(listField);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw KwikError.missing(listField);
        }
        JsonNode first = list.get(0);
        return new Place(Json.required(first, KwikFields.ADDRESS), Json.text(first, KwikFields.NAME),
                Json.text(first, KwikFields.PHONE), Json.number(first, KwikFields.LATITUDE),
                Json.number(first, KwikFields.LONGITUDE));
    }

    /** 1000 + 150 per straight-line km, rounded to 50 (naira). */
    private static BigDecimal price(Place pickup, Place delivery) {
        double raw = 1000 + 150 * pickup.kmTo(delivery);
        return BigDecimal.valueOf(Math.round(raw / 50) * 50L).setScale(1, RoundingMode.UNNECESSARY);
    }

    private static Map<String, Object> created(Task task) {
        Map<String, Object> view = task.view();
        Map<String, Object> item = new LinkedHashMap<>();
        for (String field : List.of(KwikFields.JOB_ID, KwikFields.JOB_HASH, KwikFields.JOB_STATUS, KwikFields.TRACKING_LINK)) {
            item.put(field, view.get(field));
        }
        return item;
    }

    static long parseJobId(String jobId) {
        try {
            return Long.parseLong(jobId.trim());
        } catch (NumberFormatException e) {
            throw new KwikError(KwikReply.ERROR_IN_EXECUTION, "Task not found");
        }
    }
}
