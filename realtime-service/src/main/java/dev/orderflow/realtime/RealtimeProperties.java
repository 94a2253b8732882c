package dev.orderflow.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.realtime.*}.
 *
 * @param host            Socket.IO bind address
 * @param port            Socket.IO port (0 = any free port, for tests)
 * @param legacyEvents    also emit the legacy event names of docs/contract.md §5
 * @param lookback        how far back in orders.events the gateway rebuilds its view on start;
 *                        a cursor older than that gets {@code sync {recovered:false}}
 * @param maxOrders       orders kept in the view; the oldest are evicted beyond that (≈ 1.5 KiB of heap each)
 * @param maxNotifications stored notifications kept for catch-up; the oldest are dropped beyond that
 * @param pingInterval    engine.io ping interval (Node's default)
 * @param pingTimeout     engine.io ping timeout (Node's default)
 * @param maxFrameBytes   largest client frame or polling body accepted
 * @param maxPendingBytes outbound bytes buffered for one client before it is cut off as too slow
 * @param maxQueuedPackets packets queued for one client (e.g. a stalled poller) before it is cut off
 * @param inboundPerSecond client packets allowed per second before the client is cut off as a flood
 * @param benchEnabled    accept {@code bench:publish} and {@code bench:*} rooms (load test only)
 * @param workerThreads   Netty event-loop threads of the Socket.IO port (0 = Netty's default, 2 per core)
 * @param nativeEpoll     use Netty's native epoll transport where it is available (Linux), else NIO
 * @param authDeadline    a {@code /orders/track} socket without a valid token by then is closed; a
 *                        Socket.IO session not connected with a valid token this long after its first message too
 * @param idleTimeout     a {@code /orders/track} socket silent this long is closed (clients ping)
 * @param firstDataTimeout a Socket.IO connection that sends nothing this long after opening is closed
 * @param maxConnections  open connections per endpoint (Socket.IO, /orders/track) in total
 * @param maxConnectionsPerAddress open connections per endpoint from one remote address
 * @param connectsPerSecond new connections per second per endpoint in total (burst: twice that);
 *                        more → HTTP 429 {@code RATE_LIMITED} at the handshake
 * @param connectsPerSecondPerAddress new connections per second per endpoint from one address (burst: twice that)
 * @param maxReplay       most orders one catch-up replays; more → {@code sync {recovered:false}} (refetch by REST)
 * @param joinWait        how long a join of an order the gateway has not read yet waits for it before
 *                        {@code ORDER_NOT_FOUND} (0 = answer at once)
 */
@ConfigurationProperties("orderflow.realtime")
public record RealtimeProperties(
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("8084") int port,
        @DefaultValue("true") boolean legacyEvents,
        @DefaultValue("24h") Duration lookback,
        @DefaultValue("100000") int maxOrders,
        @DefaultValue("100000") int maxNotifications,
        @DefaultValue("25s") Duration pingInterval,
        @DefaultValue("20s") Duration pingTimeout,
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("1048576") int maxPendingBytes,
        @DefaultValue("2000") int maxQueuedPackets,
        @DefaultValue("100") int inboundPerSecond,
        @DefaultValue("false") boolean benchEnabled,
        @DefaultValue("0") int workerThreads,
        @DefaultValue("true") boolean nativeEpoll,
        @DefaultValue("500") int maxReplay,
        @DefaultValue("10s") Duration authDeadline,
        @DefaultValue("2m") Duration idleTimeout,
        @DefaultValue("5s") Duration firstDataTimeout,
        @DefaultValue("50000") int maxConnections,
        @DefaultValue("200") int maxConnectionsPerAddress,
        @DefaultValue("2000") int connectsPerSecond,
        @DefaultValue("20") int connectsPerSecondPerAddress,
        @DefaultValue("5s") Duration joinWait) {

    /** Addresses the per-address connect rates remember at most (idle ones are forgotten sooner). */
    public static final long MAX_TRACKED_ADDRESSES = 100_000;
}
