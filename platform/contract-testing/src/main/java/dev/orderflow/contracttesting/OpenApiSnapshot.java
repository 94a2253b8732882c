package dev.orderflow.contracttesting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document a service serves, compared with the one committed as
 * {@code docs/openapi/<service>.json}. Both are normalised (keys sorted, pretty-printed, the
 * {@code servers} list dropped: its URL is the test's random port). Run the test with
 * {@code -Dopenapi.update=true} to write the served document instead (docs/contract.md §10).
 */
public final class OpenApiSnapshot {

    public static final String UPDATE_PROPERTY = "openapi.update";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private OpenApiSnapshot() {
    }

    /** Fails when {@code served} differs from the committed document of {@code service}, or writes it in update mode. */
    public static void assertMatchesCommitted(String service, String served) {
        Path file = ContractDocs.file("openapi/" + service + ".json");
        String actual = normalise(served);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError(file + " is missing: run this test with -D" + UPDATE_PROPERTY + "=true and commit it");
            }
            String committed = normalise(Files.readString(file, StandardCharsets.UTF_8));
            if (!committed.equals(actual)) {
                throw new AssertionError("The served OpenAPI document of " + service + " differs from " + file
                        + ". If the API change is intended, run this test with -D" + UPDATE_PROPERTY
                        + "=true, update docs/contract.md, and commit both.\n" + firstDifferences(committed, actual));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalise(String document) {
        JsonNode tree = JSON.readTree(document);
        if (tree instanceof ObjectNode object) {
            object.remove("servers");
        }
        return JSON.writeValueAsString(tree) + "\n";
    }

    private static String firstDifferences(String committed, String served) {
        String[] a = committed.split("\n");
        String[] b = served.split("\n");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(a.length, b.length) && lines.size() < 12; i++) {
            String left = i < a.length ? a[i] : "<end>";
            String right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) {
                lines.add("line " + (i + 1) + ": committed " + left.strip() + "  |  served " + right.strip());
            }
        }
        return String.join("\n", lines);
    }
}
