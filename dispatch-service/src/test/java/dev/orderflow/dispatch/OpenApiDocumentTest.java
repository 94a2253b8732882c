package dev.orderflow.dispatch;

import org.junit.jupiter.api.Test;

import dev.orderflow.contracttesting.OpenApiSnapshot;

/**
 * The API dispatch-service serves is the one committed in docs/openapi/dispatch-service.json
 * (regenerate with -Dopenapi.update=true, docs/contract.md §10).
 */
class OpenApiDocumentTest extends DispatchTestBase {

    /** The document is served on the management port only (docs/ports.md). */
    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void theServedDocumentIsTheCommittedOne() {
        OpenApiSnapshot.assertMatchesCommitted("dispatch-service", org.springframework.web.client.RestClient.create("http://localhost:" + managementPort).get().uri("/actuator/openapi").retrieve().body(String.class));
    }
}
