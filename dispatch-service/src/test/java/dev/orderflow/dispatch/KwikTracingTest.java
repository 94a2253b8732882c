package dev.orderflow.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.orderflow.dispatch.kwik.KwikClient;

/**
 * Kwik takes its {@code access_token} in the query string of {@code get_task_status}; the
 * instrumented client's span must carry the call's URL with the token redacted (docs/security.md
 * §Secrets). A real call to the Kwik sandbox, the spans as the OpenTelemetry SDK ends them.
 */
class KwikTracingTest extends DispatchTestBase {

    @Autowired
    KwikClient kwik;

    @Autowired
    RecordedSpans spans;

    @Test
    void theAccessTokenOfAKwikCallNeverReachesItsSpan() {
        String orderId = UUID.randomUUID().toString();
        bookedOrder(orderId);
        String jobId = sandbox().bookings(orderId).getFirst().path("delivery").path("job_id").asString();

        kwik.taskStatus(jobId);

        SpanData call = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> spans.all().stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT && attributes(s).contains("/get_task_status")
                        && attributes(s).contains(jobId))
                .findFirst(), java.util.Optional::isPresent).get();
        String attributes = attributes(call);
        assertThat(attributes).contains("access_token=[REDACTED]");
        List<String> tokens = values(attributes, "access_token=");
        assertThat(tokens).as("every access_token value in the span's attributes").isNotEmpty().containsOnly("[REDACTED]");
        List<String> everyToken = spans.all().stream().flatMap(s -> values(attributes(s), "access_token=").stream()).toList();
        assertThat(everyToken).as("every access_token value in every recorded span").containsOnly("[REDACTED]");
    }

    private static String attributes(SpanData span) {
        return span.getName() + " " + span.getAttributes().asMap().values();
    }

    /** What follows each {@code key} up to the next separator. */
    private static List<String> values(String text, String key) {
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(key) + "([^&#\\s,\\]]*\\]?)").matcher(text)
                .results().map(m -> m.group(1)).toList();
    }
}
