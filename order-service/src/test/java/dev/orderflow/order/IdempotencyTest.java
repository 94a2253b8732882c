package dev.orderflow.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;


import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on create: a retry gets the same order and no second event; another body is a conflict. */
class IdempotencyTest extends OrderServiceTestBase {

    @Test
    void aRetryWithTheSameKeyReplaysTheOrder() {
        String customer = newUser();
        String key = UUID.randomUUID().toString();
        Response first = create(customer, key);
        Response retry = create(customer, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.text("id")).isEqualTo(first.text("id"));
        assertThat(settledOrderEvents(first.text("id"), Duration.ofSeconds(1)))
                .as("one order.created only").hasSize(1);
        assertThat(get("/api/v1/orders?pageSize=100", token(customer, "CUSTOMER")).body().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        create(newUser(), key);
        Response conflict = create(newUser(), key);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        String customer = newUser();
        String other = newUser();
        Response mine = call(HttpMethod.POST, "/api/v1/orders", token(customer, "CUSTOMER"), orderBody(customer),
                "Idempotency-Key", key);
        Response theirs = call(HttpMethod.POST, "/api/v1/orders", token(other, "CUSTOMER"), orderBody(other),
                "Idempotency-Key", key);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.text("id")).isNotEqualTo(mine.text("id"));
    }

    @Test
    void concurrentRetriesCreateOneOrder() throws Exception {
        String customer = newUser();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> retries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                retries.add(() -> create(customer, key));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(retries)) {
                assertThat(f.get().status()).isEqualTo(201);
                ids.add(f.get().text("id"));
            }
            assertThat(ids).containsOnly(ids.getFirst());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOverlongKeyIsRejected() {
        Response response = create(newUser(), "k".repeat(300));
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
    }

    private Response create(String customer, String key) {
        return call(HttpMethod.POST, "/api/v1/orders", staffToken(), orderBody(customer), "Idempotency-Key", key);
    }
}
