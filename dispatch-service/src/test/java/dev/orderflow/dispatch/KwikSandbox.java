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

    /** What the sandbox must not pick up from this JVM's classpath: it has no database, Kafka or JWT. */
    private static final String NOT_FOR_THE_SANDBOX = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

    private static KwikSandbox shared;

    private final String baseUrl;
    private final RestClient http;

    private KwikSandbox(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = RestClient.builder().baseUrl(baseUrl).build();
    }

    /** One sandbox per test JVM; callbacks go nowhere (dispatch tests feed courier.events themselves). */
    static synchronized KwikSandbox shared() {
        if (shared == null) {
            ConfigurableApplicationContext app = KwikSandboxApplication.builder().run(
                    "--server.port=0",
                    "--spring.config.name=kwik-sandbox",
                    "--spring.autoconfigure.exclude=" + NOT_FOR_THE_SANDBOX,
                    "--kwik.sandbox.auto-advance=false",
                    "--kwik.sandbox.webhook-url=http://127.0.0.1:1/nowhere");
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

    JsonNode task(String jobId) {
        return http.get().uri("/sandbox/tasks/{id}", jobId).retrieve().body(JsonNode.class);
    }

    void advance(String jobId) {
        http.post().uri("/sandbox/tasks/{id}/advance", jobId).retrieve().toBodilessEntity();
    }
}
