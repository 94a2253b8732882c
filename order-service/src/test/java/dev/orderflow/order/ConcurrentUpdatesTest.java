package dev.orderflow.order;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** Many writers on one order at once: optimistic locking retries, so every change lands and none is lost. */
class ConcurrentUpdatesTest extends OrderServiceTestBase {

    @Test
    void concurrentCommandsOnOneOrderAllLandWithGaplessVersions() throws Exception {
        String id = createOrder(newUser());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Response>> commands = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                commands.add(() -> post("/api/v1/orders/" + id + "/payment/capture", staffToken(), null));
                commands.add(() -> post("/api/v1/orders/" + id + "/ready", staffToken(), null));
                commands.add(() -> patchStatus(id, "CONFIRMED"));
            }
            int confirmed = 0;
            for (Future<Response> f : pool.invokeAll(commands)) {
                Response r = f.get();
                assertThat(r.status()).as(String.valueOf(r.body())).isIn(200, 409);
                if (r.status() == 409) {
                    assertThat(r.code()).as("only the repeated transition may lose").isEqualTo("INVALID_TRANSITION");
                } else if ("CONFIRMED".equals(r.text("status")) && r.body().get("changes") == null) {
                    confirmed++;
                }
            }
            assertThat(confirmed).isPositive();
        } finally {
            pool.shutdownNow();
        }

        Response order = get("/api/v1/orders/" + id, staffToken());
        assertThat(order.text("paymentStatus")).isEqualTo("PAID");
        assertThat(order.body().get("readyForDispatch").asBoolean()).isTrue();
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        // created + paid + ready + confirmed: exactly four versions, whatever the interleaving
        assertThat(order.body().get("version").asLong()).isEqualTo(4);
        assertThat(get("/api/v1/orders/" + id + "/history", staffToken()).body().size()).isEqualTo(4);
        List<ConsumerRecord<String, byte[]>> events = orderEvents(id, 4);
        assertThat(events).extracting(r -> json.readTree(r.value()).get("version").asLong())
                .containsExactly(1L, 2L, 3L, 4L);
    }
}
