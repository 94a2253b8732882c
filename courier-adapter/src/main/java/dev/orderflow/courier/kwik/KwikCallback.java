package dev.orderflow.courier.kwik;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.kwik.KwikFields;
import dev.orderflow.contracts.kwik.KwikJson;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.security.Sha256;
import dev.orderflow.platform.validation.PlainText;

/**
 * One Kwik task status callback, read leniently (ids may be numbers or strings) but with the two
 * fields nothing works without: {@code job_id} and an integer {@code job_status}.
 *
 * @param timestamp   the raw {@code timestamp}, part of the de-duplication key
 * @param occurredAt  when the status changed; null when the callback does not say
 */
public record KwikCallback(String jobId, int jobStatus, String orderId, String fleetName, String fleetPhone,
                           Double latitude, Double longitude, String timestamp, Instant occurredAt) {

    /** Ids and short fields (job, order, phone, timestamp). */
    static final int MAX_ID = 64;
    /** A rider's name as pages show it. */
    static final int MAX_TEXT = 200;

    private static final DateTimeFormatter TOOKAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** @throws ApiException VALIDATION_FAILED when the body is not a usable callback */
    public static KwikCallback parse(JsonMapper json, String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw invalid("body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid("body must be a JSON object");
        }
        String jobId = KwikJson.text(node, KwikFields.JOB_ID);
        if (jobId == null) {
            throw invalid(KwikFields.JOB_ID + " is required");
        }
        if (jobId.length() > MAX_ID || !PlainText.Validator.isPlain(jobId, false)) {
            throw invalid(KwikFields.JOB_ID + " must be at most " + MAX_ID + " characters of plain text");
        }
        String orderId = KwikJson.text(node, KwikFields.ORDER_ID);
        if (orderId != null && (orderId.length() > MAX_ID || !PlainText.Validator.isPlain(orderId, false))) {
            throw invalid(KwikFields.ORDER_ID + " must be at most " + MAX_ID + " characters of plain text");
        }
        JsonNode status = node.get(KwikFields.JOB_STATUS);
        Integer jobStatus = status == null ? null : KwikJson.integer(status);
        if (jobStatus == null) {
            throw invalid(KwikFields.JOB_STATUS + " is required and must be an integer");
        }
        String timestamp = shown(KwikJson.text(node, KwikFields.TIMESTAMP), MAX_ID);
        Double latitude = KwikJson.number(node, KwikFields.FLEET_LATITUDE);
        Double longitude = KwikJson.number(node, KwikFields.FLEET_LONGITUDE);
        boolean onEarth = latitude != null && longitude != null
                && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
        return new KwikCallback(jobId, jobStatus, orderId, shown(KwikJson.text(node, KwikFields.FLEET_NAME), MAX_TEXT),
                shown(KwikJson.text(node, KwikFields.FLEET_PHONE), MAX_ID), onEarth ? latitude : null,
                onEarth ? longitude : null, timestamp, instant(timestamp));
    }

    /**
     * Courier text we pass on to pages and events: control characters dropped, cut to {@code max}.
     * Not refused: the status in the same callback still matters more than a rider's odd name.
     */
    static String shown(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().filter(c -> !Character.isISOControl(c) && Character.isValidCodePoint(c)
                        && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .forEach(c -> {
                    if (clean.length() + Character.charCount(c) <= max) {
                        clean.appendCodePoint(c);
                    }
                });
        String result = clean.toString().trim();
        return result.isEmpty() ? null : result;
    }

    /** Identifies a callback across re-deliveries: same job, same status, same moment. */
    public String dedupKey(String body) {
        return jobId + "|" + jobStatus + "|" + (timestamp != null ? timestamp : "sha256:" + Sha256.hex(body));
    }

    /** The same callback keyed by an orderId learnt elsewhere (the job directory). */
    public KwikCallback withOrderId(String resolvedOrderId) {
        return new KwikCallback(jobId, jobStatus, resolvedOrderId, fleetName, fleetPhone, latitude, longitude,
                timestamp, occurredAt);
    }

    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }

    /** ISO-8601, or Tookan's {@code yyyy-MM-dd HH:mm:ss} taken as UTC; null when unreadable. */
    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(timestamp, TOOKAN_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "Invalid Kwik callback: " + detail);
    }
}
