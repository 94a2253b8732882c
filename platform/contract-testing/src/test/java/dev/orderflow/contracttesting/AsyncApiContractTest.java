package dev.orderflow.contracttesting;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payload check itself: what it accepts, and that a renamed, missing or mistyped field fails it. */
class AsyncApiContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AsyncApiContract contract = AsyncApiContract.load();

    private static ObjectNode location() {
        return (ObjectNode) JSON.readTree("""
                {"orderId": "0b6f8d7e-6a49-4a4e-9a51-0c5f5d1b2f10", "lat": 6.45, "lng": 3.39,
                 "occurredAt": "2026-11-29T19:40:00.123456Z"}""");
    }

    @Test
    void aDocumentedPayloadPasses() {
        contract.assertPayload("courierLocation", location());
        contract.assertPayload("courierLocation", location().put("heading", 90.0));
    }

    @Test
    void aRenamedFieldFails() {
        ObjectNode renamed = location();
        renamed.set("latitude", renamed.remove("lat"));
        assertThat(contract.problems("courierLocation", "payload", renamed))
                .anyMatch(p -> p.contains("lat"))
                .anyMatch(p -> p.contains("$.latitude: not in the schema"));
    }

    @Test
    void anUndocumentedNestedFieldFails() {
        ObjectNode sync = (ObjectNode) JSON.readTree("{\"recovered\": true, \"cursor\": \"c1.AAA\", \"extra\": 1}");
        assertThat(contract.problems("socketSync", "payload", sync)).containsExactly("$.extra: not in the schema (renamed, or undocumented?)");
    }

    @Test
    void aWrongTypeOrFormatFails() {
        assertThatThrownBy(() -> contract.assertPayload("courierLocation", location().put("lat", "north")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("lat");
        assertThat(contract.problems("courierLocation", "payload", location().put("occurredAt", "yesterday"))).isNotEmpty();
    }

    @Test
    void headersAreCheckedWithTheirType() {
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "e1", "ce_source", "/courier-adapter",
                "ce_type", "courier.location", "ce_time", "2026-11-29T19:40:00Z",
                "ce_subject", "0b6f8d7e-6a49-4a4e-9a51-0c5f5d1b2f10", "content-type", "application/json");
        contract.assertHeaders("courierLocation", headers);
        assertThat(contract.problems("courierStatus", "headers", JSON.valueToTree(headers))).isNotEmpty();
    }

    @Test
    void socketEventsAreFoundByName() {
        assertThat(List.of("order.updated", "dispatch:updated", "sync").stream().map(contract::socketMessage))
                .containsExactly("socketOrderUpdated", "socketDispatchUpdated", "socketSync");
    }
}
