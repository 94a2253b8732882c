package dev.orderflow.realtime.transport;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * The broadcast frames waiting for one event loop. Broadcasts queue here and the loop is woken
 * only when no drain is pending yet, so under load one wake-up carries many broadcasts, and a
 * client that got several of them in one drain has them sent in one flush (one system call).
 * An idle loop is woken for the first broadcast as before: batching adds no wait, it only
 * appears when the loop is already behind.
 */
final class LoopOutbox implements Runnable {

    /** Broadcasts per drain before the loop gets back to its own reads and tasks. */
    private static final int MAX_PER_DRAIN = 256;

    private final EventLoop loop;
    private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LoopOutbox(EventLoop loop) {
        this.loop = loop;
    }

    /** One frame for some channels of this loop; the delivery owns one reference to the frame. */
    record Delivery(ByteBuf frame, List<Channel> channels) {
    }

    void submit(Delivery delivery) {
        queue.add(delivery);
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                for (Delivery dropped; (dropped = queue.poll()) != null; ) {
                    dropped.frame().release();
                }
            }
        }
    }

    @Override
    public void run() {
        // cleared before draining: a broadcast queued from now on schedules a drain of its own
        scheduled.set(false);
        Delivery delivery = queue.poll();
        if (delivery == null) {
            return;
        }
        Set<Channel> written = Collections.newSetFromMap(new IdentityHashMap<>());
        int drained = 0;
        do {
            write(delivery);
            written.addAll(delivery.channels());
        } while (++drained < MAX_PER_DRAIN && (delivery = queue.poll()) != null);
        written.forEach(Channel::flush); // once per channel, however many broadcasts it got
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    private static void write(Delivery delivery) {
        try {
            for (Channel channel : delivery.channels()) {
                // a void promise: a failed write closes the channel (CloseOnError) rather than being
                // reported to a listener nobody has, and a broadcast allocates no promise per client
                channel.write(delivery.frame().retainedDuplicate(), channel.voidPromise());
            }
        } finally {
            delivery.frame().release();
        }
    }
}
