package dev.orderflow.realtime.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.transport.RawJson;
import dev.orderflow.realtime.view.OrderChanged;
import dev.orderflow.realtime.view.OrderView;
import dev.orderflow.realtime.view.TrackedOrder;

/** A join's wait for an order not read yet: answered once, either way, and bounded (the socket side: SocketAuthAndRoomsTest). */
class OrderArrivalsTest {

    private final OrderView view = new OrderView(properties("1s"));
    private final OrderArrivals arrivals = new OrderArrivals(view, properties("1s"));
    private final List<String> answers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        arrivals.destroy();
    }

    @Test
    void aWaitEndsOnceWhenTheOrderIsReadOrWhenTheWaitIsOver() {
        UUID session = UUID.randomUUID();
        assertThat(wait(session, "o-1")).isTrue();
        assertThat(wait(session, "o-2")).isTrue();

        arrivals.on(new OrderChanged(read("o-1")));
        arrivals.on(new OrderChanged(read("o-1"))); // read again: answered already
        assertThat(answers).containsExactly("arrived o-1");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 2);
        assertThat(answers).containsExactly("arrived o-1", "timed out o-2");
        arrivals.on(new OrderChanged(read("o-2"))); // too late: no second answer
        assertThat(answers).hasSize(2);
        assertThat(arrivals.waiting()).isZero();
    }

    @Test
    void anOrderReadWhileTheWaitWasBeingSetUpIsAnsweredAtOnce() {
        view.apply(read("o-3")); // the caller looked before this, the waiter registers after it
        assertThat(wait(UUID.randomUUID(), "o-3")).isTrue();
        assertThat(answers).containsExactly("arrived o-3");
    }

    @Test
    void aSessionWaitsForAtMostEightOrdersAndAnEndedWaitFreesItsPlace() {
        UUID session = UUID.randomUUID();
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < OrderArrivals.MAX_PER_SESSION + 2; i++) {
            accepted.add(wait(session, "s-" + i));
        }
        assertThat(accepted).containsExactly(true, true, true, true, true, true, true, true, false, false);
        assertThat(wait(UUID.randomUUID(), "s-other")).as("another session").isTrue();
        arrivals.on(new OrderChanged(read("s-0")));
        assertThat(wait(session, "s-again")).as("after one ended").isTrue();
        assertThat(wait(session, "s-full")).isFalse();
    }

    @Test
    void noWaitWhenTurnedOff() {
        OrderArrivals off = new OrderArrivals(view, properties("0s"));
        assertThat(off.await(UUID.randomUUID(), "o-4", () -> answers.add("x"), () -> answers.add("y"))).isFalse();
        off.destroy();
        assertThat(answers).isEmpty();
    }

    private boolean wait(UUID session, String orderId) {
        return arrivals.await(session, orderId, () -> answers.add("arrived " + orderId), () -> answers.add("timed out " + orderId));
    }

    private static TrackedOrder read(String orderId) {
        return new TrackedOrder(orderId, "c-1", null, 1, "PENDING", 0, 0, 0, 0, new RawJson("{}".getBytes()));
    }

    private static RealtimeProperties properties(String joinWait) {
        return new Binder(new MapConfigurationPropertySource(Map.of("orderflow.realtime.join-wait", joinWait)))
                .bindOrCreate("orderflow.realtime", RealtimeProperties.class);
    }
}
