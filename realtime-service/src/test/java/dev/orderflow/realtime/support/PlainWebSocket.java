package dev.orderflow.realtime.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

/** A plain WebSocket client (the JDK's) that records the JSON frames it receives. */
public final class PlainWebSocket implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile Integer closeCode;
    private volatile boolean paused;

    public PlainWebSocket(String url) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), this).join();
    }

    public void send(Map<String, Object> frame) {
        sendText(JSON.writeValueAsString(frame));
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends unless the server has already closed the connection (which is what the test may expect). */
    public void trySendText(String text) {
        try {
            sendText(text);
        } catch (RuntimeException closed) {
            // the server hung up first
        }
    }

    public Map<String, Object> await(Predicate<Map<String, Object>> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> frames.stream().filter(match).findFirst(), java.util.Optional::isPresent).get();
    }

    public Map<String, Object> awaitType(String type) {
        return await(f -> type.equals(f.get("type")));
    }

    /** Every text frame as received (engine.io frames are not JSON objects). */
    public String awaitText(Predicate<String> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> texts.stream().filter(match).findFirst(), java.util.Optional::isPresent).get();
    }

    /** Stops reading: what the server sends piles up in the TCP buffers and then in the server. */
    public void stopReading() {
        paused = true;
    }

    public boolean isClosed() {
        return closeCode != null;
    }

    public List<Map<String, Object>> frames() {
        return frames;
    }

    public Integer awaitClosed() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> closeCode != null);
        return closeCode;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            texts.add(text);
            if (text.startsWith("{")) {
                frames.add(JSON.readValue(text, Map.class));
            }
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode = -1;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
