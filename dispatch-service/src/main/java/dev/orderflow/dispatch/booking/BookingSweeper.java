package dev.orderflow.dispatch.booking;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.orderflow.dispatch.dispatches.DispatchRepository;

/** Books what a crashed worker left REQUESTED (its claim expired): the gate's decision is never lost. */
@Component
public class BookingSweeper {

    private final DispatchRepository dispatches;
    private final Bookings bookings;
    private final Duration lease;

    public BookingSweeper(DispatchRepository dispatches, Bookings bookings,
                          @Value("${orderflow.dispatch.booking-lease:2m}") Duration lease) {
        this.dispatches = dispatches;
        this.bookings = bookings;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "${orderflow.dispatch.sweep-interval:10s}", initialDelayString = "${orderflow.dispatch.sweep-interval:10s}")
    public void sweep() {
        dispatches.unclaimedBookings(lease).forEach(bookings::book);
    }
}
