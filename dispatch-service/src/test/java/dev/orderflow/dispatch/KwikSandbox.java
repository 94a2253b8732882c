package dev.orderflow.dispatch;

import java.util.List;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import dev.orderflow.kwiksandbox.KwikSandboxApplication;

/** The real Kwik sandbox in the test JVM, and its control API (docs/kwik.md §5). */
final class KwikSandbox {

    private static KwikSandbox shared;

    private final String baseUrl;
    private final RestClient http;

    private KwikSandbox(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = RestClient.builder().baseUrl(baseUrl).defaultHeader("X-Sandbox-Key", "sandbox-password").build();
    }

    /** One sandbox per test JVM; callbacks go nowhere (dispatch tests feed courier.events themselves). */
    static synchronized KwikSandbox shared() {
        if (shared == null) {
            ConfigurableApplicationContext app = KwikSandboxApplication.inProcess("http://127.0.0.1:1/nowhere");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            shared = new KwikSandbox("http://localhost:" + port);
        }
        return shared;
    }

    String baseUrl() {
        return baseUrl;
    }

    void faults(Map<String, Object> faults) {
        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON).body(faults).retrieve().toBodilessEntity();
    }

    /** Every booking the sandbox holds for our order id. */
    List<JsonNode> bookings(String orderId) {
        JsonNode all = http.get().uri("/sandbox/tasks").retrieve().body(JsonNode.class);
        return all.valueStream().filter(b -> orderId.equals(b.path("orderId").asString(null))).toList();
    }

    /** The job ids of the order's delivery tasks that are not finished (booked, assigned, under way). */
    List<String> liveDeliveries(String orderId) {
        return bookings(orderId).stream().map(b -> b.path("delivery"))
                .filter(d -> List.of(6, 0, 7, 1, 4).contains(d.path("job_status").asInt()))
                .map(d -> d.path("job_id").asString()).toList();
    }

    JsonNode task(String jobId) {
        return http.get().uri("/sandbox/tasks/{id}", jobId).retrieve().body(JsonNode.class);
    }

    void advance(String jobId) {
        http.post().uri("/sandbox/tasks/{id}/advance", jobId).retrieve().toBodilessEntity();
    }
}
