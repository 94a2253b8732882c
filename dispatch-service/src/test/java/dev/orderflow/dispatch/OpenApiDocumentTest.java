package dev.orderflow.dispatch;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracttesting.OpenApiSnapshot;

/**
 * The API dispatch-service serves is the one committed in docs/openapi/dispatch-service.json
 * (regenerate with -Dopenapi.update=true, docs/contract.md §10).
 */
class OpenApiDocumentTest extends DispatchTestBase {

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiSnapshot.assertMatchesCommitted("dispatch-service", http.get().uri("/v3/api-docs").retrieve().body(String.class));
    }
}
