package dev.orderflow.dispatch.dispatches;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;

import static dev.orderflow.contracts.dispatch.DispatchStatus.ASSIGNED;
import static dev.orderflow.contracts.dispatch.DispatchStatus.BOOKED;
import static dev.orderflow.contracts.dispatch.DispatchStatus.CANCELED;
import static dev.orderflow.contracts.dispatch.DispatchStatus.DELIVERED;
import static dev.orderflow.contracts.dispatch.DispatchStatus.FAILED;
import static dev.orderflow.contracts.dispatch.DispatchStatus.IN_TRANSIT;
import static dev.orderflow.contracts.dispatch.DispatchStatus.PICKED_UP;
import static org.assertj.core.api.Assertions.assertThat;

/** Dispatch status moves and a dispatch's own transitions, without Spring or a database. */
class DispatchTransitionsTest {

    @Test
    void statusesMoveForwardOnlyFailFromAnyLiveStatusAndCancelOnlyBeforePickUp() {
        assertThat(BOOKED.canMoveTo(ASSIGNED)).isTrue();
        assertThat(BOOKED.canMoveTo(DELIVERED)).isTrue();
        assertThat(IN_TRANSIT.canMoveTo(PICKED_UP)).isFalse();
        assertThat(ASSIGNED.canMoveTo(ASSIGNED)).as("a repeat is not a move").isFalse();
        for (DispatchStatus live : new DispatchStatus[] {BOOKED, ASSIGNED, PICKED_UP, IN_TRANSIT}) {
            assertThat(live.canMoveTo(FAILED)).as(live.name()).isTrue();
            assertThat(live.isActive()).isTrue();
        }
        assertThat(ASSIGNED.canMoveTo(CANCELED)).isTrue();
        assertThat(PICKED_UP.canMoveTo(CANCELED)).isFalse();
        for (DispatchStatus done : new DispatchStatus[] {DELIVERED, FAILED, CANCELED}) {
            for (DispatchStatus next : DispatchStatus.values()) {
                assertThat(done.canMoveTo(next)).as(done + " -> " + next).isFalse();
            }
        }
    }

    @Test
    void bookingSetsTheJobAndAFreshOtpHashAndBumpsTheVersion() {
        Dispatch booked = requested().booked("job-7", "https://track/7", "salt:hash", Instant.EPOCH);

        assertThat(booked.status()).isEqualTo(BOOKED);
        assertThat(booked.providerJobId()).isEqualTo("job-7");
        assertThat(booked.trackingUrl()).isEqualTo("https://track/7");
        assertThat(booked.otpHash()).isEqualTo("salt:hash");
        assertThat(booked.otpFailures()).isZero();
        assertThat(booked.version()).isEqualTo(2);
        assertThat(booked.updatedAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aMoveRemembersWhereItCameFromAndKeepsDriverAndEtaUnlessTold() {
        Driver ada = new Driver("Ada", "+234", "agent-1");
        Dispatch booked = requested().booked("job-7", null, "salt:hash", Instant.EPOCH);
        Dispatch assigned = booked.movedTo(ASSIGNED, new Dispatch.Changes(Dispatch.SYSTEM, "courier", ada, Instant.EPOCH), Instant.EPOCH);
        Dispatch pickedUp = assigned.movedTo(PICKED_UP, Dispatch.Changes.by("courier"), Instant.EPOCH);

        assertThat(assigned.previousStatus()).isEqualTo(BOOKED);
        assertThat(pickedUp.status()).isEqualTo(PICKED_UP);
        assertThat(pickedUp.previousStatus()).isEqualTo(ASSIGNED);
        assertThat(pickedUp.driver()).isEqualTo(ada);
        assertThat(pickedUp.etaAt()).isEqualTo(Instant.EPOCH);
        assertThat(pickedUp.otpHash()).isEqualTo("salt:hash");
        assertThat(pickedUp.version()).isEqualTo(4);
    }

    @Test
    void aFailedBookingHasNoJobAndNoOtp() {
        Dispatch failed = requested().bookingFailed(Instant.EPOCH);

        assertThat(failed.status()).isEqualTo(FAILED);
        assertThat(failed.providerJobId()).isNull();
        assertThat(failed.otpHash()).isNull();
        assertThat(failed.snapshot().status()).isEqualTo(FAILED);
    }

    private static Dispatch requested() {
        return new Dispatch(UUID.randomUUID(), UUID.randomUUID(), 1, null, null, "KWIK", null, null, null, null, null, 0,
                1, Instant.EPOCH);
    }
}
