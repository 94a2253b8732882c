package io.debezium.connector.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.debezium.pipeline.Sizeable;
import io.debezium.util.LoggingContext;

/**
 * Our patched copy of Debezium's queue (see its header): it is the class that loads, it hands a lone
 * record over without waiting out the poll interval, and it waits without spinning.
 */
class PatchedChangeEventQueueTest {

    record Change(int n) implements Sizeable {
        @Override
        public long objectSize() {
            return 64;
        }
    }

    private static CompletableFuture<List<Change>> pollInBackground(ChangeEventQueue<Change> queue) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static ChangeEventQueue<Change> queue(Duration pollInterval) {
        return new ChangeEventQueue.Builder<Change>().pollInterval(pollInterval).maxBatchSize(2048).maxQueueSize(8192)
                .loggingContextSupplier(() -> LoggingContext.forConnector("postgres", "test", "test")).build();
    }

    @Test
    void theProjectsCopyShadowsDebeziumsClass() {
        String location = ChangeEventQueue.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertThat(location).doesNotContain("debezium-connector-common");
        assertThat(location).contains("platform/outbox");
        assertThat(dev.orderflow.platform.outbox.DebeziumOutboxRelay.patchedQueueLoaded()).isTrue();
    }

    @Test
    void aLoneRecordIsHandedOverAtOnceNotAfterThePollInterval() throws Exception {
        ChangeEventQueue<Change> queue = queue(Duration.ofSeconds(5)); // upstream holds it back for the whole 5 s
        CompletableFuture<List<Change>> polled = pollInBackground(queue);
        Thread.sleep(100);
        queue.enqueue(new Change(1));

        assertThat(polled.get(3, TimeUnit.SECONDS)).containsExactly(new Change(1));
    }

    @Test
    void recordsThatPiledUpAreReturnedInOneBatch() throws Exception {
        ChangeEventQueue<Change> queue = queue(Duration.ofMillis(10));
        for (int i = 0; i < 5; i++) {
            queue.enqueue(new Change(i));
        }

        assertThat(queue.poll()).extracting(Change::n).containsExactly(0, 1, 2, 3, 4);
        assertThat(queue.poll()).isEmpty();
    }

    @Test
    void anIdleQueueWaitsWithoutSpinningAndWakesOncePerIdleWait() throws Exception {
        // upstream waits poll.interval.ms and spins through its last millisecond: at 2 ms that is about half of
        // the polling thread's wall time on the CPU; ours waits IDLE_WAIT for a record and uses a few percent at most
        ChangeEventQueue<Change> queue = queue(Duration.ofMillis(2));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        assertThat(queue.poll()).isEmpty();
        assertThat(queue.poll()).isEmpty();
        long wall = System.nanoTime() - wallBefore;
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;

        assertThat(wall).isGreaterThanOrEqualTo(2 * ChangeEventQueue.IDLE_WAIT.toNanos());
        assertThat((double) cpu / wall).isLessThan(0.2);
    }

    @Test
    void aProducerErrorReachesAWaitingPoll() throws Exception {
        ChangeEventQueue<Change> queue = queue(Duration.ofMillis(10));
        CompletableFuture<List<Change>> polled = pollInBackground(queue);
        Thread.sleep(100);
        queue.producerException(new IllegalStateException("replication stream lost"));

        assertThatThrownBy(() -> polled.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("replication stream lost");
    }
}
