package dev.orderflow.dispatch.api;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.dispatch.booking.Bookings;
import dev.orderflow.dispatch.dispatches.Dispatch;
import dev.orderflow.dispatch.dispatches.DispatchEvents;
import dev.orderflow.dispatch.dispatches.DispatchRepository;
import dev.orderflow.dispatch.dispatches.Otp;
import dev.orderflow.dispatch.riders.CourierChoice;
import dev.orderflow.dispatch.dispatches.OrderGates;
import dev.orderflow.platform.problem.ApiException;

/** Re-dispatch and OTP confirmation: the staff and rider commands order-service forwards. */
@Service
public class DispatchCommands {

    private final DispatchRepository dispatches;
    private final OrderGates gates;
    private final Bookings bookings;
    private final DispatchEvents events;
    private final TransactionTemplate tx;
    private final int maxOtpFailures;
    private final CourierChoice courier;

    public DispatchCommands(DispatchRepository dispatches, OrderGates gates, Bookings bookings, DispatchEvents events,
                            TransactionTemplate tx, @Value("${orderflow.dispatch.otp.max-failures:5}") int maxOtpFailures,
                            CourierChoice courier) {
        this.courier = courier;
        this.dispatches = dispatches;
        this.gates = gates;
        this.bookings = bookings;
        this.events = events;
        this.tx = tx;
        this.maxOtpFailures = maxOtpFailures;
    }

    /** A new attempt after FAILED or CANCELED; answers it BOOKED or fails with DISPATCH_CREATION_FAILED. */
    public Dispatch redispatch(UUID orderId) {
        UUID next = tx.execute(s -> {
            OrderGates.Gate gate = gates.lock(orderId).orElseThrow(() -> notFound("Order " + orderId + " has no dispatch"));
            Dispatch latest = dispatches.latest(orderId).orElseThrow(() -> notFound("Order " + orderId + " has no dispatch"));
            if (!gate.paid()) {
                throw new ApiException(ErrorCode.PAYMENT_NOT_CAPTURED, "The order's payment is not captured");
            }
            if (gate.cancelled() || latest.status() == null
                    || (latest.status() != DispatchStatus.FAILED && latest.status() != DispatchStatus.CANCELED)) {
                throw new ApiException(ErrorCode.DISPATCH_NOT_REDISPATCHABLE, gate.cancelled()
                        ? "The order is cancelled" : "Only a FAILED or CANCELED dispatch can be re-dispatched");
            }
            UUID id = UUID.randomUUID();
            if (!dispatches.insertRequested(id, orderId, latest.attempt() + 1, courier.provider())) {
                throw new ApiException(ErrorCode.DISPATCH_NOT_REDISPATCHABLE, "A re-dispatch is already under way");
            }
            return id;
        });
        Dispatch booked = bookings.book(next);
        if (booked.status() == DispatchStatus.FAILED) {
            throw new ApiException(ErrorCode.DISPATCH_CREATION_FAILED,
                    "The courier did not accept the booking; it can be re-dispatched again");
        }
        return booked;
    }

    /** Delivery confirmed by the customer's code: only IN_TRANSIT; locked after {@code max-failures} wrong codes. */
    public Dispatch verifyOtp(UUID dispatchId, String code, String actor) {
        OtpResult result = tx.execute(s -> {
            Dispatch d = dispatches.lock(dispatchId).orElseThrow(() -> notFound("No dispatch " + dispatchId));
            if (d.status() == DispatchStatus.DELIVERED) {
                return new OtpResult(ErrorCode.DISPATCH_ALREADY_DELIVERED, d);
            }
            if (d.otpFailures() >= maxOtpFailures) {
                return new OtpResult(ErrorCode.OTP_LOCKED, d);
            }
            if (d.status() != DispatchStatus.IN_TRANSIT) {
                return new OtpResult(ErrorCode.DISPATCH_NOT_IN_TRANSIT, d);
            }
            if (!Otp.matches(code, d.otpHash())) {
                dispatches.countOtpFailure(d.id()); // committed: the failure counts even though we answer an error
                return new OtpResult(ErrorCode.OTP_INVALID, d);
            }
            return new OtpResult(null, events.moved(d, DispatchStatus.DELIVERED, Dispatch.Changes.by(actor, "OTP confirmed")));
        });
        if (result.error() != null) {
            throw new ApiException(result.error(), switch (result.error()) {
                case DISPATCH_ALREADY_DELIVERED -> "The dispatch is already delivered";
                case OTP_LOCKED -> "Too many wrong codes; the OTP is locked — staff must confirm delivery";
                case DISPATCH_NOT_IN_TRANSIT -> "The dispatch is " + result.dispatch().status() + ", not IN_TRANSIT";
                default -> "Wrong code";
            });
        }
        return result.dispatch();
    }

    private record OtpResult(ErrorCode error, Dispatch dispatch) {
    }

    private static ApiException notFound(String detail) {
        return new ApiException(ErrorCode.DISPATCH_NOT_FOUND, detail);
    }
}
