package dev.orderflow.kwiksandbox.api;

import tools.jackson.databind.JsonNode;

/** Lenient reads of Kwik request bodies: numbers may come as strings and the other way round. */
public final class Json {

    private Json() {
    }

    /** The field as text, or null when it is absent, null or blank. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
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
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
