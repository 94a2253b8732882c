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
            }
            for (Future<Response> f : pool.invokeAll(commands)) {
                Response r = f.get();
                assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        Response order = get("/api/v1/orders/" + id, staffToken());
        assertThat(order.text("paymentStatus")).isEqualTo("PAID");
        assertThat(order.body().get("readyForDispatch").asBoolean()).isTrue();
        assertThat(order.text("status")).as("ready moves forward whatever came first; payment never moves it back")
                .isEqualTo("READY");
        // created + paid + ready: exactly three versions, whatever the interleaving
        assertThat(order.body().get("version").asLong()).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> events = orderEvents(id, 3);
        assertThat(events).extracting(r -> json.readTree(r.value()).get("version").asLong())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void racingTransitionsToTheSameStatusLandOnceAndTheOthersAreRefused() throws Exception {
        String id = createOrder(newUser());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Response>> commands = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                commands.add(() -> patchStatus(id, "CONFIRMED"));
            }
            int landed = 0;
            for (Future<Response> f : pool.invokeAll(commands)) {
                Response r = f.get();
                if (r.status() == 200) {
                    landed++;
                } else {
                    assertThat(r.code()).as("only the repeated transition may lose").isEqualTo("INVALID_TRANSITION");
                }
            }
            assertThat(landed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("/api/v1/orders/" + id, staffToken()).body().get("version").asLong()).isEqualTo(2);
    }
}
