package dev.orderflow.contracttesting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.networknt.schema.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks real payloads against {@code docs/asyncapi.yaml}: first the message's JSON Schema (types,
 * required fields, enums, formats), then strictly — every field of the payload must be named by the
 * schema (the document leaves objects open for consumers; the code must not send what it does not
 * document). So a field renamed in the code or in the document fails the test that sees it.
 */
public final class AsyncApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static AsyncApiContract shared;

    private final JsonNode root;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    AsyncApiContract(Path document) {
        this.root = YAMLMapper.builder().build().readTree(document.toFile());
    }

    /** The repository's docs/asyncapi.yaml, read once per JVM. */
    public static synchronized AsyncApiContract load() {
        if (shared == null) {
            shared = new AsyncApiContract(ContractDocs.file("asyncapi.yaml"));
        }
        return shared;
    }

    /** Fails unless {@code payload} (a JSON string, bytes, JsonNode, Map or record) fits the message's payload. */
    public void assertPayload(String messageId, Object payload) {
        fail(messageId + " payload", problems(messageId, "payload", toNode(payload)));
    }

    /** Fails unless {@code payload} fits at least one of the messages (e.g. an ack whose request is not known). */
    public void assertPayloadFitsOneOf(List<String> messageIds, Object payload) {
        JsonNode node = toNode(payload);
        List<String> all = new ArrayList<>();
        for (String id : messageIds) {
            List<String> problems = problems(id, "payload", node);
            if (problems.isEmpty()) {
                return;
            }
            problems.forEach(p -> all.add(id + ": " + p));
        }
        fail(String.join(" | ", messageIds) + " payload", all);
    }

    /** Fails unless the Kafka headers (as UTF-8 strings) fit the message's headers. */
    public void assertHeaders(String messageId, Map<String, String> headers) {
        fail(messageId + " headers", problems(messageId, "headers", JSON.valueToTree(headers)));
    }

    /**
     * Fails unless a Kafka record fits the message: its CloudEvents headers, its JSON value, and
     * its key equal to {@code ce_subject} (the orderId).
     */
    public void assertRecord(String messageId, ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertHeaders(messageId, headers);
        assertPayload(messageId, record.value());
        if (!Objects.equals(record.key(), headers.get("ce_subject"))) {
            throw new AssertionError(messageId + ": key " + record.key() + " is not ce_subject " + headers.get("ce_subject"));
        }
    }

    /** Checks a record against the Kafka message of its own {@code ce_type}. */
    public void assertRecord(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null) {
            throw new AssertionError("record without ce_type on " + record.topic());
        }
        assertRecord(kafkaMessage(new String(type.value(), StandardCharsets.UTF_8)), record);
    }

    /** The id under components.messages of the Kafka message whose name is {@code ceType}. */
    public String kafkaMessage(String ceType) {
        for (var message : root.at("/components/messages").properties()) {
            if (message.getValue().has("headers") && ceType.equals(message.getValue().path("name").asString())) {
                return message.getKey();
            }
        }
        throw new AssertionError("docs/asyncapi.yaml has no Kafka message named " + ceType);
    }

    /** The id under components.messages of the Socket.IO event {@code name} (server → client). */
    public String socketMessage(String name) {
        for (JsonNode ref : root.at("/channels/socket/messages")) {
            String id = ref.get("$ref").asString().substring("#/components/messages/".length());
            if (name.equals(root.at("/components/messages/" + id + "/name").asString())) {
                return id;
            }
        }
        throw new AssertionError("docs/asyncapi.yaml has no socket event named " + name);
    }

    /** Schema and strictness problems of {@code value} against the message's {@code part} (payload or headers). */
    public List<String> problems(String messageId, String part, JsonNode value) {
        String pointer = "/components/messages/" + messageId + "/" + part;
        if (root.at(pointer).isMissingNode()) {
            throw new AssertionError("docs/asyncapi.yaml has no " + pointer);
        }
        List<String> problems = new ArrayList<>();
        schema(pointer).validate(value).forEach(error -> problems.add(error.toString()));
        undocumented(root.at(pointer), value, "$", problems);
        return problems;
    }

    private synchronized Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("$schema", "http://json-schema.org/draft-07/schema#");
            wrapper.putArray("allOf").addObject().put("$ref", "#" + p);
            wrapper.set("components", root.get("components"));
            return registry.getSchema(wrapper);
        });
    }

    /** Every field of {@code value} must be a property of its schema (following $ref and allOf/oneOf/anyOf). */
    private void undocumented(JsonNode schema, JsonNode value, String path, List<String> problems) {
        List<JsonNode> parts = new ArrayList<>();
        flatten(schema, parts);
        if (value.isObject()) {
            Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
            boolean described = false;
            boolean open = false;
            for (JsonNode part : parts) {
                if (part.has("properties")) {
                    described = true;
                    part.get("properties").properties().forEach(p -> properties.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue()));
                }
                JsonNode additional = part.get("additionalProperties");
                open |= additional != null && !(additional.isBoolean() && !additional.asBoolean());
            }
            for (var field : value.properties()) {
                List<JsonNode> fieldSchemas = properties.get(field.getKey());
                if (fieldSchemas == null) {
                    if (described && !open) {
                        problems.add(path + "." + field.getKey() + ": not in the schema (renamed, or undocumented?)");
                    }
                    continue;
                }
                for (JsonNode fieldSchema : fieldSchemas) {
                    undocumented(fieldSchema, field.getValue(), path + "." + field.getKey(), problems);
                }
            }
        } else if (value.isArray()) {
            for (JsonNode part : parts) {
                if (part.has("items")) {
                    int i = 0;
                    for (JsonNode element : value) {
                        undocumented(part.get("items"), element, path + "[" + i++ + "]", problems);
                    }
                }
            }
        }
    }

    private void flatten(JsonNode schema, List<JsonNode> into) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        if (schema.has("$ref")) {
            flatten(root.at(schema.get("$ref").asString().substring(1)), into);
            return;
        }
        into.add(schema);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.has(combinator)) {
                schema.get(combinator).forEach(member -> flatten(member, into));
            }
        }
    }

    private static JsonNode toNode(Object payload) {
        return switch (payload) {
            case JsonNode node -> node;
            case String text -> JSON.readTree(text);
            case byte[] bytes -> JSON.readTree(bytes);
            default -> JSON.valueToTree(payload);
        };
    }

    private static void fail(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError("docs/asyncapi.yaml: " + what + " does not match:\n  " + String.join("\n  ", problems));
        }
    }
}
