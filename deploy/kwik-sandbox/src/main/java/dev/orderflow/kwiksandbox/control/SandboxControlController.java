package dev.orderflow.kwiksandbox.control;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.orderflow.contracts.kwik.KwikJobStatus;
import dev.orderflow.kwiksandbox.SandboxSettings;
import dev.orderflow.kwiksandbox.api.AccessTokens;
import dev.orderflow.kwiksandbox.booking.Booking;
import dev.orderflow.kwiksandbox.booking.Bookings;
import dev.orderflow.kwiksandbox.callback.CallbackSender;
import dev.orderflow.kwiksandbox.fault.Faults;

/** Steering the sandbox from tests and demos (docs/kwik.md §5). Not part of Kwik's API. */
@RestController
@RequestMapping("/sandbox")
public class SandboxControlController {

    public record ForcedStatus(int jobStatus) {
    }

    private final SandboxSettings settings;
    private final Bookings bookings;
    private final Faults faults;
    private final CallbackSender callbacks;
    private final AccessTokens tokens;

    public SandboxControlController(SandboxSettings settings, Bookings bookings, Faults faults,
                                    CallbackSender callbacks, AccessTokens tokens) {
        this.settings = settings;
        this.bookings = bookings;
        this.faults = faults;
        this.callbacks = callbacks;
        this.tokens = tokens;
    }

    @GetMapping("/settings")
    public SandboxSettings.View settings() {
        return settings.view();
    }

    @PutMapping("/settings")
    public SandboxSettings.View changeSettings(@RequestBody SandboxSettings.View patch) {
        return settings.apply(patch);
    }

    @GetMapping("/tasks")
    public List<Map<String, Object>> tasks() {
        return bookings.views();
    }

    @GetMapping("/tasks/{jobId}")
    public Map<String, Object> task(@PathVariable long jobId) {
        Map<String, Object> view = bookings.view(jobId);
        if (view == null) {
            throw unknownJob(jobId);
        }
        return view;
    }

    @PostMapping("/tasks/{jobId}/advance")
    public Map<String, Object> advance(@PathVariable long jobId) {
        task(jobId);
        return bookings.advance(jobId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.CONFLICT, "Task " + jobId + " is at the end of its timeline"));
    }

    @PostMapping("/tasks/{jobId}/status")
    public Map<String, Object> force(@PathVariable long jobId, @RequestBody ForcedStatus forced) {
        KwikJobStatus status = KwikJobStatus.ofCode(forced.jobStatus()).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown job status " + forced.jobStatus()));
        return bookings.force(jobId, status).orElseThrow(() -> unknownJob(jobId));
    }

    @PostMapping("/tasks/{jobId}/callback")
    public Map<String, Object> resend(@PathVariable long jobId) {
        return bookings.resend(jobId).orElseThrow(() -> unknownJob(jobId));
    }

    @GetMapping("/faults")
    public Faults.View faults() {
        return faults.view();
    }

    @PutMapping("/faults")
    public Faults.View changeFaults(@RequestBody Faults.View patch) {
        return faults.apply(patch);
    }

    @PostMapping("/callbacks/release")
    public Map<String, Integer> release(@RequestParam(defaultValue = "FIFO") CallbackSender.ReleaseOrder order) {
        return Map.of("released", callbacks.release(order));
    }

    @GetMapping("/callbacks")
    public List<CallbackSender.Attempt> callbackLog() {
        return callbacks.attempts();
    }

    @PostMapping("/tokens/expire")
    public void expireTokens() {
        tokens.expireAll();
    }

    @PostMapping("/reset")
    public void reset() {
        bookings.reset();
        faults.reset();
        callbacks.reset();
        tokens.expireAll();
        settings.reset();
    }

    @GetMapping("/track/{uniqueOrderId}")
    public Map<String, Object> track(@PathVariable String uniqueOrderId) {
        return bookings.booking(uniqueOrderId).map(Booking::view).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No booking " + uniqueOrderId));
    }

    private static ResponseStatusException unknownJob(long jobId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No task " + jobId);
    }
}
