package dev.orderflow.courier;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracttesting.OpenApiSnapshot;

/**
 * The API courier-adapter serves is the one committed in docs/openapi/courier-adapter.json
 * (regenerate with -Dopenapi.update=true, docs/contract.md §10).
 */
class OpenApiDocumentTest extends CourierAdapterTestBase {

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiSnapshot.assertMatchesCommitted("courier-adapter", http.get().uri("/v3/api-docs").retrieve().body(String.class));
    }
}
