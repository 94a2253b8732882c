package dev.orderflow.order;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracttesting.OpenApiSnapshot;

/**
 * The API order-service serves is the one committed in docs/openapi/order-service.json
 * (regenerate with -Dopenapi.update=true, docs/contract.md §10).
 */
class OpenApiDocumentTest extends OrderServiceTestBase {

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiSnapshot.assertMatchesCommitted("order-service", http.get().uri("/v3/api-docs").retrieve().body(String.class));
    }
}
