package dev.orderflow.kwiksandbox.booking;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.orderflow.kwiksandbox.SandboxProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** Job ids stay unique across sandbox restarts: the adapter and dispatch remember job ids, the sandbox does not. */
class BookingsTest {

    private final SandboxProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("orderflow.kwik.sandbox", SandboxProperties.class);
    private final Place shop = new Place("1 Test Street", "Shop", "+2348030000000", 6.45, 3.39);

    @Test
    void aRestartedSandboxDoesNotHandOutAJobIdAgain() throws InterruptedException {
        long lastBeforeRestart = new Bookings(null, null, properties, Duration.ZERO)
                .create("order-1", shop, shop, null).delivery().jobId();
        Thread.sleep(2); // the restart: a new instance, later
        Booking first = new Bookings(null, null, properties, Duration.ZERO).create("order-2", shop, shop, null);
        assertThat(first.pickup().jobId()).isGreaterThan(lastBeforeRestart);
        assertThat(first.delivery().jobId()).isEqualTo(first.pickup().jobId() + 1);
    }
}
