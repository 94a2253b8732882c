package dev.orderflow.contracts.kwik;

import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of Kwik's JSON (Tookan's API): numbers may come as strings and the other way
 * round, and an empty string means "not set". Used by our Kwik client, our webhook and the sandbox.
 */
public final class KwikJson {

    private KwikJson() {
    }

    /** The field as trimmed text, or null when it is absent, null, blank or not a value. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text.trim();
    }

    /** The field as a number, or null when absent or not numeric. */
    public static Double number(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An int given as a number or a string, or null. */
    public static Integer integer(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        if (value.isString()) {
            try {
                return Integer.valueOf(value.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
