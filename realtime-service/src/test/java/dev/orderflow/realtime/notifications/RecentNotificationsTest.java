package dev.orderflow.realtime.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.fanout.GatewayEvent;
import dev.orderflow.realtime.fanout.PayloadEncoder;
import dev.orderflow.realtime.view.Cursor;
import dev.orderflow.realtime.view.OrderView;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway keeps the newest {@code max-notifications} notifications; dropping older ones raises the view's horizon. */
class RecentNotificationsTest {

    private final RealtimeProperties properties = new Binder(new MapConfigurationPropertySource(
            Map.of("orderflow.realtime.max-notifications", "3")))
            .bindOrCreate("orderflow.realtime", RealtimeProperties.class);
    private final OrderView view = new OrderView(properties);
    private final RecentNotifications recent = new RecentNotifications(view, properties, new PayloadEncoder(JsonMapper.builder().build()));

    @Test
    void keepsTheNewestUpToItsCapacityAndRaisesTheHorizonPastTheDroppedOnes() {
        view.startPartition(0, 0);
        for (long offset = 0; offset < 10; offset++) {
            recent.record(0, offset, notification("user-1", offset));
        }
        recent.record(0, 5, notification("user-1", 5)); // read again after a restart: not kept twice
        recent.record(0, 10, notification(null, 10)); // no recipient: positions the view, is not kept

        assertThat(recent.since(new Cursor(Map.of(0, 0L)), Set.of("user:user-1")))
                .extracting(GatewayEvent::version).containsExactly(7L, 8L, 9L);
        assertThat(recent.since(new Cursor(Map.of(0, 0L)), Set.of("user:user-1")).getFirst())
                .as("kept as JSON, given back as it came").isEqualTo(notification("user-1", 7));
        assertThat(view.replaySince(new Cursor(Map.of(0, 6L)), o -> true).recovered())
                .as("offset 6 was dropped").isFalse();
        assertThat(view.replaySince(new Cursor(Map.of(0, 7L)), o -> true).recovered()).isTrue();

        recent.record(0, 11, notification("user-1", 11));
        assertThat(recent.since(new Cursor(Map.of(0, 0L)), Set.of("user:user-1")))
                .extracting(GatewayEvent::version).containsExactly(8L, 9L, 11L);
    }

    private static GatewayEvent notification(String userId, long n) {
        Map<String, Object> data = userId == null ? Map.of("recipient", "user") : Map.of("recipient", "user", "userId", userId);
        return new GatewayEvent("notification.created", "order-1", null, null, n, null,
                Instant.parse("2026-11-30T00:00:00Z").plusSeconds(n), data);
    }
}
