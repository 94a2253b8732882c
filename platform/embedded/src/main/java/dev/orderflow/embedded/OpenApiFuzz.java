package dev.orderflow.embedded;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of a service's OpenAPI document and sends it invalid input — wrong types,
 * huge values, control characters, deep nesting, broken JSON, odd content types, hostile headers —
 * with and without a token. Every answer below 500 is fine; {@link #run} returns the ones that were
 * not (a 5xx to bad input is the bug). Deterministic per seed.
 */
public final class OpenApiFuzz {

    /** One request the service answered with a 5xx. */
    public record Finding(String method, String path, String variant, int status, String body) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> HOSTILE_TEXT = List.of("\u0000", "\u0007\u001b[31m", "x".repeat(70_000),
            "<script>alert(1)</script>", "' OR 1=1 --", "\uD800", "\u202E\u2028", "%00%ff", "../../etc/passwd", "");
    private static final List<String> WRONG_SCALARS = List.of("abc", "-1", "0", "99999999999999999999999",
            "1e400", "NaN", "true", "null", "[]", "{}", "%00", "x".repeat(5_000));

    private final String baseUrl;
    private final JsonNode document;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Random random;
    private int requests;

    public OpenApiFuzz(String baseUrl, String openApiJson, long seed) {
        this.baseUrl = baseUrl;
        this.document = JsonMapper.builder().build().readTree(openApiJson);
        this.random = new Random(seed);
    }

    private final Map<String, JsonNode> examples = new LinkedHashMap<>();

    /**
     * A valid body for one operation ({@code "POST /api/v1/orders"}): its fields are spoiled one at a
     * time, so each bad value meets the checks behind the ones a generated body would already fail.
     */
    public OpenApiFuzz example(String operation, Object body) {
        examples.put(operation, json.valueToTree(body));
        return this;
    }

    private final Map<String, String> fixedParameters = new LinkedHashMap<>();

    /** A parameter sent with this value whenever it is not the one being spoiled (e.g. a webhook's token). */
    public OpenApiFuzz parameter(String name, String value) {
        fixedParameters.put(name, value);
        return this;
    }

    public int requestsSent() {
        return requests;
    }

    /** Every operation, each variant, once with {@code token} and once without. */
    public List<Finding> run(String token) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                for (Variant variant : variants(method, path.getKey(), operation.getValue())) {
                    for (String auth : new String[] {token, null}) {
                        HttpResponse<String> response = send(method, variant, auth);
                        if (response != null && response.statusCode() >= 500) {
                            findings.add(new Finding(method, variant.url(), variant.name(), response.statusCode(),
                                    response.body().length() > 500 ? response.body().substring(0, 500) : response.body()));
                        }
                    }
                }
            }
        }
        return findings;
    }

    private record Variant(String name, String url, Map<String, String> headers, String contentType, byte[] body) {
    }

    private List<Variant> variants(String method, String template, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        List<Variant> variants = new ArrayList<>();
        // path and query parameters: each gets every wrong value while the rest are plausible
        for (JsonNode parameter : parameters) {
            for (String wrong : pick(concat(WRONG_SCALARS, HOSTILE_TEXT), 8)) {
                String in = parameter.path("in").asString();
                if (in.equals("header")) {
                    if (isSendableHeader(wrong)) {
                        variants.add(new Variant(parameter.path("name").asString() + " header=" + label(wrong),
                                url(template, parameters, null, null), Map.of(parameter.path("name").asString(), wrong),
                                null, null));
                    }
                } else {
                    variants.add(new Variant(in + " " + parameter.path("name").asString() + "=" + label(wrong),
                            url(template, parameters, parameter.path("name").asString(), wrong), Map.of(), null, null));
                }
            }
        }
        String plain = url(template, parameters, null, null);
        variants.add(new Variant("no body", plain, Map.of(), null, null));
        // hostile headers every operation may see
        variants.add(new Variant("huge header", plain, Map.of("X-Fuzz", "y".repeat(6_000)), null, null));
        variants.add(new Variant("traceparent garbage", plain, Map.of("traceparent", "00-zz-zz-zz"), null, null));
        variants.add(new Variant("Accept xml", plain, Map.of("Accept", "application/xml"), null, null));
        if (operation.has("requestBody")) {
            JsonNode schema = schemaOf(operation.path("requestBody").path("content"));
            for (Map.Entry<String, byte[]> body : bodies(schema, examples.get(method + " " + template)).entrySet()) {
                variants.add(new Variant("body " + body.getKey(), plain, Map.of(), "application/json", body.getValue()));
            }
            variants.add(new Variant("text/plain body", plain, Map.of(), "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
            variants.add(new Variant("xml body", plain, Map.of(), "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)));
            variants.add(new Variant("form body", plain, Map.of(), "application/x-www-form-urlencoded",
                    "a=%00&b=".getBytes(StandardCharsets.UTF_8)));
        }
        return variants;
    }

    /** Broken JSON, wrong shapes, and the schema's own object with each field made hostile in turn. */
    private Map<String, byte[]> bodies(JsonNode schema, JsonNode example) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String raw : List.of("", "{", "null", "[]", "\"text\"", "123", "{\"a\":", "\u0000",
                "[".repeat(3_000) + "]".repeat(3_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000))) {
            bodies.put("raw " + label(raw), raw.getBytes(StandardCharsets.UTF_8));
        }
        bytes(bodies, "invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        JsonNode generated = example != null ? example : sample(schema, 0);
        ObjectNode valid = generated instanceof ObjectNode object ? object : null;
        if (valid == null) {
            return bodies;
        }
        bodies.put("plausible", json.writeValueAsBytes(valid));
        for (Map.Entry<String, JsonNode> field : valid.properties()) {
            for (JsonNode wrong : wrongValues()) {
                ObjectNode mutated = valid.deepCopy();
                mutated.set(field.getKey(), wrong);
                bodies.put(field.getKey() + "=" + label(wrong.toString()), json.writeValueAsBytes(mutated));
            }
            // one level down: the fields of a nested object, or of an array's first object
            JsonNode nested = field.getValue().isArray() && !field.getValue().isEmpty() ? field.getValue().get(0) : field.getValue();
            if (nested.isObject()) {
                for (Map.Entry<String, JsonNode> inner : nested.properties()) {
                    for (JsonNode wrong : wrongValues()) {
                        ObjectNode mutated = valid.deepCopy();
                        JsonNode target = mutated.get(field.getKey());
                        ((ObjectNode) (target.isArray() ? target.get(0) : target)).set(inner.getKey(), wrong);
                        bodies.put(field.getKey() + "." + inner.getKey() + "=" + label(wrong.toString()),
                                json.writeValueAsBytes(mutated));
                    }
                }
            }
        }
        return bodies;
    }

    private static void bytes(Map<String, byte[]> bodies, String name, byte[] body) {
        bodies.put(name, body);
    }

    private List<JsonNode> wrongValues() {
        List<JsonNode> values = new ArrayList<>();
        for (String text : HOSTILE_TEXT) {
            values.add(NODES.stringNode(text));
        }
        values.add(NODES.numberNode(new java.math.BigDecimal("1e400")));
        values.add(NODES.numberNode(new java.math.BigDecimal("-99999999999999999999.999")));
        values.add(NODES.numberNode(Long.MAX_VALUE));
        values.add(NODES.booleanNode(true));
        values.add(NODES.nullNode());
        ArrayNode deep = NODES.arrayNode();
        ArrayNode cursor = deep;
        for (int i = 0; i < 400; i++) {
            ArrayNode next = NODES.arrayNode();
            cursor.add(next);
            cursor = next;
        }
        values.add(deep);
        ObjectNode object = NODES.objectNode();
        object.put("unexpected", "\u0000");
        values.add(object);
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i < 300; i++) {
            many.add(NODES.objectNode().put("x", i));
        }
        values.add(many);
        return values;
    }

    /** A plausible instance of a schema (refs resolved), for the fields to be spoiled one at a time. */
    private JsonNode sample(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 6) {
            return null;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            return sample(document.at(ref.substring(1)), depth + 1);
        }
        String type = schema.path("type").asString("object");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").properties().forEach(p -> {
                    JsonNode value = sample(p.getValue(), depth + 1);
                    if (value != null) {
                        object.set(p.getKey(), value);
                    }
                });
                yield object;
            }
            case "array" -> NODES.arrayNode().add(orNull(sample(schema.path("items"), depth + 1)));
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(false);
            default -> schema.has("enum") ? schema.get("enum").get(0) : NODES.stringNode("fuzz");
        };
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NODES.nullNode() : node;
    }

    private static JsonNode schemaOf(JsonNode content) {
        for (Map.Entry<String, JsonNode> type : content.properties()) {
            return type.getValue().path("schema");
        }
        return null;
    }

    private String url(String template, List<JsonNode> parameters, String spoiled, String wrong) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            String value = name.equals(spoiled) ? wrong
                    : fixedParameters.getOrDefault(name, plausible(parameter.path("schema")));
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", encode(value).replace("+", "%20"));
            } else if (in.equals("query") && (name.equals(spoiled) || fixedParameters.containsKey(name)
                    || parameter.path("required").asBoolean(false))) {
                query.append(query.isEmpty() ? "?" : "&").append(encode(name)).append('=').append(encode(value));
            }
        }
        return baseUrl + path + query;
    }

    private String plausible(JsonNode schema) {
        String type = schema.path("type").asString("string");
        return switch (type) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> UUID.nameUUIDFromBytes(new byte[] {(byte) random.nextInt()}).toString();
        };
    }

    private HttpResponse<String> send(String method, Variant variant, String token) throws Exception {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(variant.url())).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException unsendable) {
            return null; // the client itself refuses this URL: nothing reached the service
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        variant.headers().forEach(request::header);
        if (variant.contentType() != null) {
            request.header("Content-Type", variant.contentType());
        }
        request.method(method, variant.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(variant.body()));
        requests++;
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> pick(List<String> values, int count) {
        List<String> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(count, copy.size()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean isSendableHeader(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && value.length() < 8_000;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String label(String value) {
        String shown = value.length() > 24 ? value.substring(0, 24) + "…(" + value.length() + ")" : value;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
