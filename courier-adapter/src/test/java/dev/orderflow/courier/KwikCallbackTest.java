package dev.orderflow.courier;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.courier.kwik.KwikCallback;
import dev.orderflow.platform.problem.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a callback body: lenient on types, strict on the two fields that matter. */
class KwikCallbackTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void acceptsIdsAndStatusesAsNumbersOrStringsAndTookanTimes() {
        String body = """
                {"job_id": "700002", "job_status": "4", "order_id": " o-1 ", "fleet_latitude": "6.5",
                 "fleet_longitude": 3.4, "timestamp": "2026-11-23 10:15:00"}""";
        KwikCallback callback = KwikCallback.parse(json, body);
        assertThat(callback.jobId()).isEqualTo("700002");
        assertThat(callback.jobStatus()).isEqualTo(4);
        assertThat(callback.orderId()).isEqualTo("o-1");
        assertThat(callback.hasLocation()).isTrue();
        assertThat(callback.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:00Z"));
        assertThat(callback.dedupKey(body)).isEqualTo("700002|4|2026-11-23 10:15:00");
    }

    @Test
    void withoutATimestampTheBodyIdentifiesTheCallback() {
        String first = "{\"job_id\": 1, \"job_status\": 0, \"fleet_name\": \"A\"}";
        String other = "{\"job_id\": 1, \"job_status\": 0, \"fleet_name\": \"B\"}";
        KwikCallback callback = KwikCallback.parse(json, first);
        assertThat(callback.occurredAt()).isNull();
        assertThat(callback.dedupKey(first)).startsWith("1|0|sha256:").isNotEqualTo(callback.dedupKey(other));
    }

    @Test
    void refusesWhatCannotBeACallback() {
        for (String body : new String[] {null, " ", "42", "{\"job_id\": {}, \"job_status\": 1}",
                "{\"job_id\": 1, \"job_status\": null}", "{\"job_id\": 1, \"job_status\": 99999999999}"}) {
            assertThatThrownBy(() -> KwikCallback.parse(json, body)).as(String.valueOf(body))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }
}
