package dev.orderflow.platform.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Paces the WAL reader of this JVM's relay by its own outbox commits. Debezium reads the replication
 * stream by polling: every empty read is a 1 ms socket timeout, repeated every {@code poll.interval.ms}
 * forever. The patched reader ({@code io.debezium.connector.postgresql.PostgresStreamingChangeEventSource})
 * pauses here instead: at that cadence for {@link #HOT} after the last commit of an outbox event in this
 * JVM, otherwise until the next one, or the idle wait at most (a change written by another process).
 * Every outbox event of a service is written by that service's {@link OutboxWriter}, so a quiet relay
 * costs almost nothing and the first event after a quiet spell waits for no interval.
 */
public final class RelayWakeup {

    /** The Debezium setting the patched reader takes its idle wait from (ms; 0 = upstream's pause). */
    public static final String IDLE_WAIT_SETTING = "orderflow.idle.wait.ms";
    /** How long after a commit the reader keeps reading at poll.interval.ms (the WAL may lag the commit). */
    static final Duration HOT = Duration.ofSeconds(1);

    private static final long HOT_NANOS = HOT.toNanos();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Condition COMMITTED = LOCK.newCondition();
    private static final AtomicLong IDLE_PAUSES = new AtomicLong();
    private static volatile long lastCommit = System.nanoTime() - 2 * HOT_NANOS;
    private static volatile int sleepers;

    /** Registered once per transaction (the synchronizations are a set): the commit wakes the reader. */
    private static final TransactionSynchronization ON_COMMIT = new TransactionSynchronization() {
        @Override
        public void afterCommit() {
            committed();
        }
    };

    private RelayWakeup() {
    }

    /** An outbox event is in the caller's transaction: wake the reader when it commits. */
    static void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(ON_COMMIT);
        } else {
            committed();
        }
    }

    /** An outbox event was committed in this JVM. */
    public static void committed() {
        lastCommit = System.nanoTime();
        if (sleepers > 0) {
            LOCK.lock();
            try {
                COMMITTED.signalAll();
            } finally {
                LOCK.unlock();
            }
        }
    }

    /**
     * The reader's pause between bursts of empty reads: {@code pollInterval} while this JVM committed
     * an outbox event within {@link #HOT}, else until the next commit or {@code idleWait}.
     *
     * @return whether it was an idle pause
     */
    public static boolean pause(Duration pollInterval, Duration idleWait) {
        try {
            if (isHot() || idleWait.compareTo(pollInterval) <= 0) {
                TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
                return false;
            }
            IDLE_PAUSES.incrementAndGet();
            LOCK.lock();
            try {
                sleepers++;
                // a commit after this point signals; one just before it shows in isHot
                long nanos = idleWait.toNanos();
                while (nanos > 0 && !isHot()) {
                    nanos = COMMITTED.awaitNanos(nanos);
                }
            } finally {
                sleepers--;
                LOCK.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // as Debezium's own pause: the engine is stopping
        }
        return true;
    }

    /** Pauses that waited for a commit (tests and diagnostics). */
    public static long idlePauses() {
        return IDLE_PAUSES.get();
    }

    static boolean isHot() {
        return System.nanoTime() - lastCommit < HOT_NANOS;
    }
}
