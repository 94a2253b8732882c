package dev.orderflow.courier;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracttesting.OpenApiSnapshot;

/**
 * The API courier-adapter serves is the one committed in docs/openapi/courier-adapter.json
 * (regenerate with -Dopenapi.update=true, docs/contract.md §10).
 */
class OpenApiDocumentTest extends CourierAdapterTestBase {

    /** The document is served on the management port only (docs/ports.md). */
    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiSnapshot.assertMatchesCommitted("courier-adapter", org.springframework.web.client.RestClient.create("http://localhost:" + managementPort).get().uri("/actuator/openapi").retrieve().body(String.class));
    }
}
