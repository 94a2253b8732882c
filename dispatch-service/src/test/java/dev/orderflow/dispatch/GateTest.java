package dev.orderflow.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.orderflow.dispatch.gate.DispatchGate;
import dev.orderflow.dispatch.dispatches.OrderGates;

import static org.assertj.core.api.Assertions.assertThat;

/** The payment-and-ready gate: exactly one booking, whichever fact came last, however often repeated. */
class GateTest extends DispatchTestBase {

    @Autowired
    DispatchGate gate;

    @Test
    void paidThenReadyBooksOnceWithAnOtpOnlyOnTheBookedEvent() {
        String orderId = UUID.randomUUID().toString();
        publishOrder(order(orderId, 1, false, false, "PENDING"));
        publishOrder(order(orderId, 2, true, false, "PENDING"));
        publishOrder(order(orderId, 3, true, true, "PENDING"));

        List<Event> events = dispatchEvents(orderId, 1);
        assertThat(events.getFirst().type()).isEqualTo("dispatch.booked");
        assertThat(events.getFirst().status()).isEqualTo("BOOKED");
        String otp = otpOf(events.getFirst());
        assertThat(otp).matches("\\d{6}");
        assertThat(events.getFirst().data().path("otp").asString()).doesNotContain(otp);
        assertThat(events.getFirst().data().path("providerJobId").asString()).isNotBlank();
        assertThat(events.getFirst().data().path("attempt").asInt()).isEqualTo(1);
        assertThat(sandbox().bookings(orderId)).hasSize(1);
        String stored = jdbc.sql("SELECT otp_hash FROM dispatches WHERE order_id = ?").param(UUID.fromString(orderId))
                .query(String.class).single();
        assertThat(stored).as("only a salted hash is stored").doesNotContain(otp);
    }

    @Test
    void readyThenPaidAndEveryRepeatStillBookOnce() {
        String orderId = UUID.randomUUID().toString();
        publishOrder(order(orderId, 2, false, true, "PREPARING"));
        publishOrder(order(orderId, 3, true, true, "PREPARING"));
        publishOrder(order(orderId, 3, true, true, "PREPARING")); // redelivery with a new event id
        publishOrder(order(orderId, 4, true, true, "READY"));
        publishOrder(order(orderId, 2, false, true, "PREPARING")); // stale, late

        assertThat(dispatchEvents(orderId, 1)).hasSize(1);
        assertThat(dispatchEventsSettled(orderId)).hasSize(1);
        assertThat(sandbox().bookings(orderId)).hasSize(1);
    }

    @Test
    void unpaidOrCancelledOrdersAreNeverBooked() {
        String unpaid = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        publishOrder(order(unpaid, 2, false, true, "READY"));
        publishOrder(order(cancelled, 4, true, true, "CANCELLED"));
        assertThat(dispatchEventsSettled(unpaid)).isEmpty();
        assertThat(dispatchEventsSettled(cancelled)).isEmpty();
        assertThat(sandbox().bookings(cancelled)).isEmpty();
    }

    @Test
    void concurrentDeliveriesOfTheOpeningFactOpenTheGateOnce() throws Exception {
        UUID orderId = UUID.randomUUID();
        OrderGates.Gate open = OrderGates.of(order(orderId.toString(), 3, true, true, "READY"), false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<UUID>>> deliveries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                deliveries.add(() -> gate.onOrder(open));
            }
            int opened = 0;
            for (Future<Optional<UUID>> f : pool.invokeAll(deliveries)) {
                opened += f.get().isPresent() ? 1 : 0;
            }
            assertThat(opened).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM dispatches WHERE order_id = ?").param(orderId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void statusMovesAreSkippedWithoutATransactionWhileTheFactsThatMatterStillBook() {
        String orderId = UUID.randomUUID().toString();
        publishOrder(order(orderId, 1, false, false, "PENDING")); // no changes named: read in full
        String confirmed = publishOrderUpdate(order(orderId, 2, false, false, "CONFIRMED"), "status");
        String folded = publishOrderUpdate(order(orderId, 3, false, false, "CONFIRMED"), "dispatchStatus", "status");
        String paid = publishOrderUpdate(order(orderId, 4, true, false, "CONFIRMED"), "paymentStatus", "status");
        awaitProcessed(paid); // one partition per order: the two before it were consumed by now
        assertThat(processed(confirmed)).as("skipped: no processed-event mark, no gate write").isFalse();
        assertThat(processed(folded)).isFalse();
        assertThat(jdbc.sql("SELECT order_version FROM order_gates WHERE order_id = ?").param(UUID.fromString(orderId))
                .query(Long.class).single()).isEqualTo(4);

        String preparing = publishOrderUpdate(order(orderId, 5, true, false, "PREPARING"), "status");
        String ready = publishOrderUpdate(order(orderId, 6, true, true, "READY"), "readyForDispatch", "status");
        assertThat(dispatchEvents(orderId, 1).getFirst().type()).isEqualTo("dispatch.booked");
        assertThat(processed(ready)).isTrue();
        assertThat(processed(preparing)).isFalse();

        // a cancelled order's events are always read: its dispatch is cancelled on each
        String cancelledFold = publishOrderUpdate(order(orderId, 8, true, true, "CANCELLED"), "dispatchStatus");
        awaitProcessed(cancelledFold);
        assertThat(sandbox().bookings(orderId)).hasSize(1);
    }

    private boolean processed(String eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id::text = ?").param(eventId)
                .query(Integer.class).single() > 0;
    }

    private void awaitProcessed(String eventId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> processed(eventId));
    }
}
