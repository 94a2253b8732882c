package dev.orderflow.kwiksandbox.fault;

import org.springframework.stereotype.Component;

/** Faults injected through the control API (docs/kwik.md §5). Counters count down as they fire. */
@Component
public class Faults {

    public enum FailMode { ERROR_STATUS, HTTP_500 }

    /** The control API's view and patch: null fields leave a fault unchanged. */
    public record View(Integer failBookings, FailMode failMode, Long bookingDelayMillis, Integer loseBookingReplies,
                       Integer duplicateCallbacks, Integer dropCallbacks, Long callbackDelayMillis,
                       Boolean holdCallbacks) {
    }

    private int failBookings;
    private FailMode failMode = FailMode.ERROR_STATUS;
    private long bookingDelayMillis;
    private int loseBookingReplies;
    private int duplicateCallbacks;
    private int dropCallbacks;
    private long callbackDelayMillis;
    private boolean holdCallbacks;

    public synchronized View apply(View patch) {
        if (patch.failBookings() != null) {
            failBookings = patch.failBookings();
        }
        if (patch.failMode() != null) {
            failMode = patch.failMode();
        }
        if (patch.bookingDelayMillis() != null) {
            bookingDelayMillis = patch.bookingDelayMillis();
        }
        if (patch.loseBookingReplies() != null) {
            loseBookingReplies = patch.loseBookingReplies();
        }
        if (patch.duplicateCallbacks() != null) {
            duplicateCallbacks = patch.duplicateCallbacks();
        }
        if (patch.dropCallbacks() != null) {
            dropCallbacks = patch.dropCallbacks();
        }
        if (patch.callbackDelayMillis() != null) {
            callbackDelayMillis = patch.callbackDelayMillis();
        }
        if (patch.holdCallbacks() != null) {
            holdCallbacks = patch.holdCallbacks();
        }
        return view();
    }

    public synchronized View view() {
        return new View(failBookings, failMode, bookingDelayMillis, loseBookingReplies, duplicateCallbacks, dropCallbacks,
                callbackDelayMillis, holdCallbacks);
    }

    public synchronized void reset() {
        apply(new View(0, FailMode.ERROR_STATUS, 0L, 0, 0, 0, 0L, false));
    }

    /** The failure mode for this booking, or null when it should succeed. */
    public synchronized FailMode takeBookingFailure() {
        if (failBookings <= 0) {
            return null;
        }
        failBookings--;
        return failMode;
    }

    /** True when this booking is made but its reply is lost on the way back (a gateway timeout). */
    public synchronized boolean takeLostReply() {
        if (loseBookingReplies <= 0) {
            return false;
        }
        loseBookingReplies--;
        return true;
    }

    public synchronized long bookingDelayMillis() {
        return bookingDelayMillis;
    }

    /** True when this callback should be silently lost. */
    public synchronized boolean takeDrop() {
        if (dropCallbacks <= 0) {
            return false;
        }
        dropCallbacks--;
        return true;
    }

    public synchronized int duplicateCallbacks() {
        return duplicateCallbacks;
    }

    public synchronized long callbackDelayMillis() {
        return callbackDelayMillis;
    }

    public synchronized boolean holdCallbacks() {
        return holdCallbacks;
    }
}
