package dev.orderflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/** The WAL reader's pause (the reader itself: DebeziumOutboxRelayTest). No database, no Spring context. */
class RelayWakeupTest {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void anIdlePauseLastsUntilTheNextCommit() throws Exception {
        awaitIdle();
        CompletableFuture<Boolean> pause = CompletableFuture.supplyAsync(() -> RelayWakeup.pause(POLL, LONG));
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !pause.isDone());

        RelayWakeup.committed();
        assertThat(pause.get(5, TimeUnit.SECONDS)).as("woken long before the 30 s are over").isTrue();
    }

    @Test
    void rightAfterACommitThePauseIsThePollIntervalAndAnIdleOneEndsAtTheIdleWait() throws Exception {
        RelayWakeup.committed();
        assertThat(CompletableFuture.supplyAsync(() -> RelayWakeup.pause(POLL, LONG)).get(5, TimeUnit.SECONDS))
                .as("not an idle pause").isFalse();

        awaitIdle();
        assertThat(CompletableFuture.supplyAsync(() -> RelayWakeup.pause(POLL, Duration.ofMillis(200))).get(5, TimeUnit.SECONDS))
                .isTrue();
    }

    @Test
    void anEventInATransactionWakesTheReaderAtCommitOnceNotBefore() {
        awaitIdle();
        TransactionSynchronizationManager.initSynchronization();
        try {
            RelayWakeup.afterCommit();
            RelayWakeup.afterCommit();
            assertThat(TransactionSynchronizationManager.getSynchronizations()).hasSize(1);
            assertThat(RelayWakeup.isHot()).as("not committed yet").isFalse();
            TransactionSynchronizationUtils.invokeAfterCommit(TransactionSynchronizationManager.getSynchronizations());
            assertThat(RelayWakeup.isHot()).isTrue();
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    /** No commit in this JVM for a while (other tests of the module commit events). */
    private static void awaitIdle() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> !RelayWakeup.isHot());
    }
}
