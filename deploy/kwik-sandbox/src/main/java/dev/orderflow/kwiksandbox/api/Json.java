package dev.orderflow.kwiksandbox.api;

import tools.jackson.databind.JsonNode;

import dev.orderflow.contracts.kwik.KwikJson;

/** Lenient reads of Kwik request bodies ({@link KwikJson}), and the sandbox's answer to a missing field. */
public final class Json {

    private Json() {
    }

    /** The field as text, or null when it is absent, null or blank. */
    public static String text(JsonNode node, String field) {
        return KwikJson.text(node, field);
    }

    public static String required(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            throw KwikError.missing(field);
        }
        return text;
    }

    /** The field as a number, or null when absent or not numeric. */
    public static Double number(JsonNode node, String field) {
        return KwikJson.number(node, field);
    }
}
