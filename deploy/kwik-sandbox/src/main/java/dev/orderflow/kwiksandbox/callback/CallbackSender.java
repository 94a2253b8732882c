package dev.orderflow.kwiksandbox.callback;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.orderflow.contracts.kwik.KwikFields;
import dev.orderflow.kwiksandbox.SandboxSettings;
import dev.orderflow.kwiksandbox.fault.Faults;

/**
 * Posts task views to the webhook URL, one at a time in the order they were queued (like a
 * provider's single delivery queue), applying the callback faults: drop, duplicate, delay, hold.
 */
@Component
public class CallbackSender {

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);

    /** One delivery attempt; {@code url} is without its query so the secret never shows. */
    public record Attempt(Object jobId, Object jobStatus, String url, Integer httpStatus, String error, Instant sentAt) {
    }

    public enum ReleaseOrder { FIFO, REVERSE }

    private final SandboxSettings settings;
    private final Faults faults;
    private final RestClient http;
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> new Thread(r, "kwik-callbacks"));
    private final List<Map<String, Object>> held = new ArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    public CallbackSender(SandboxSettings settings, Faults faults) {
        this.settings = settings;
        this.faults = faults;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** Queues the callback of one task view (a snapshot: later changes of the task do not alter it). */
    public synchronized void send(Map<String, Object> taskView) {
        if (faults.takeDrop()) {
            attempts.add(new Attempt(taskView.get(KwikFields.JOB_ID), taskView.get(KwikFields.JOB_STATUS),
                    withoutQuery(settings.webhookUrl()), null, "dropped (sandbox fault)", Instant.now()));
            return;
        }
        for (int copy = 0; copy <= faults.duplicateCallbacks(); copy++) {
            if (faults.holdCallbacks()) {
                held.add(taskView);
            } else {
                queue.execute(() -> deliver(taskView));
            }
        }
    }

    /** Sends every held callback in the given order and stops holding. */
    public synchronized int release(ReleaseOrder order) {
        faults.apply(new Faults.View(null, null, null, null, null, null, null, false));
        List<Map<String, Object>> batch = new ArrayList<>(held);
        held.clear();
        if (order == ReleaseOrder.REVERSE) {
            Collections.reverse(batch);
        }
        batch.forEach(view -> queue.execute(() -> deliver(view)));
        return batch.size();
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    public synchronized int heldCount() {
        return held.size();
    }

    public synchronized void reset() {
        held.clear();
        attempts.clear();
    }

    private void deliver(Map<String, Object> view) {
        String url = settings.webhookUrl();
        Integer status = null;
        String error = null;
        try {
            long delay = faults.callbackDelayMillis();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            status = http.post().uri(URI.create(url)).contentType(MediaType.APPLICATION_JSON).body(view)
                    .exchange((request, response) -> response.getStatusCode().value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException e) {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            log.warn("Callback for job {} to {} failed: {}", view.get(KwikFields.JOB_ID), withoutQuery(url), error);
        }
        attempts.add(new Attempt(view.get(KwikFields.JOB_ID), view.get(KwikFields.JOB_STATUS), withoutQuery(url),
                status, error, Instant.now()));
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @PreDestroy
    void stop() {
        queue.shutdownNow();
    }
}
