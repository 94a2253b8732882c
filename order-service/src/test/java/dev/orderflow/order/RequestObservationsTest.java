package dev.orderflow.order;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request is observed once (http.server.requests: its timer, span and trace headers), not again
 * by Spring Security's filter-chain, authentication and authorization observations (docs/performance.md).
 */
class RequestObservationsTest extends OrderServiceTestBase {

    @Autowired
    ObservationRegistry observations;

    @Test
    void aStatusChangeIsObservedOnceAsAnHttpRequest() {
        String orderId = createOrder(newUser());
        Set<String> names = ConcurrentHashMap.newKeySet();
        ObservationHandler<Observation.Context> recorder = new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                names.add(context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        };
        observations.observationConfig().observationHandler(recorder);

        Response changed = patchStatus(orderId, "CONFIRMED");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.headers().getFirst("X-Trace-Id")).isNotBlank();
        assertThat(names).contains("http.server.requests");
        assertThat(names).noneMatch(name -> name.startsWith("spring.security."));
    }
}
