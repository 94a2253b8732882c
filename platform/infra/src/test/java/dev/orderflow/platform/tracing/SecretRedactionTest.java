package dev.orderflow.platform.tracing;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactionTest {

    @Test
    void queryStringSecretsNeverReachTheHandlers() {
        List<String> seen = new ArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationFilter(new SecretRedaction());
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                context.getAllKeyValues().forEach(kv -> seen.add(kv.getKey() + "=" + kv.getValue()));
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });

        Observation.createNotStarted("http.client.requests", registry)
                .highCardinalityKeyValue(KeyValue.of("http.url",
                        "https://api.kwik/get_task_details?access_token=s3cr3t-kwik&job_id=42"))
                .lowCardinalityKeyValue(KeyValue.of("uri", "/webhooks/kwik?token=hook-secret"))
                .lowCardinalityKeyValue(KeyValue.of("method", "GET"))
                .start().stop();

        assertThat(String.join(" ", seen)).doesNotContain("s3cr3t-kwik", "hook-secret")
                .contains("http.url=https://api.kwik/get_task_details?access_token=[REDACTED]&job_id=42",
                        "uri=/webhooks/kwik?token=[REDACTED]", "method=GET");
    }
}
