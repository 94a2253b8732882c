package dev.orderflow.order;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracttesting.OpenApiSnapshot;

/**
 * The API order-service serves is the one committed in docs/openapi/order-service.json
 * (regenerate with -Dopenapi.update=true, docs/contract.md §10).
 */
class OpenApiDocumentTest extends OrderServiceTestBase {

    /** The document is served on the management port only (docs/ports.md). */
    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiSnapshot.assertMatchesCommitted("order-service", org.springframework.web.client.RestClient.create("http://localhost:" + managementPort).get().uri("/actuator/openapi").retrieve().body(String.class));
    }
}
