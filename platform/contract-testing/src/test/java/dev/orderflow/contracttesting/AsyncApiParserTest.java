package dev.orderflow.contracttesting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is a valid AsyncAPI 3 document for the official parser ({@code @asyncapi/parser},
 * docs/asyncapi/validate.mjs): any diagnostic of severity error fails the build.
 */
class AsyncApiParserTest {

    private static final Path DIR = ContractDocs.file("asyncapi");
    private static final Path LOG = Path.of("target", "asyncapi-validate.log").toAbsolutePath();

    @BeforeAll
    static void installParser() throws Exception {
        Path marker = DIR.resolve("node_modules/.package-lock.json");
        if (!Files.exists(marker)
                || Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(DIR.resolve("package-lock.json"))) < 0) {
            Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
            assertThat(npm.exit()).as("npm ci in docs/asyncapi:\n" + npm.output()).isZero();
        }
    }

    @Test
    void theDocumentIsValid() throws Exception {
        Run validate = run(List.of("node", "validate.mjs", ContractDocs.file("asyncapi.yaml").toString()));
        assertThat(validate.exit()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("VALID:").doesNotContain("\nerror ");
    }

    /** The check can fail: a copy with a dangling reference is refused. */
    @Test
    void aBrokenDocumentFailsTheCheck() throws Exception {
        String document = Files.readString(ContractDocs.file("asyncapi.yaml"), StandardCharsets.UTF_8);
        String broken = document.replace("$ref: '#/components/schemas/OrderSnapshot'", "$ref: '#/components/schemas/NoSuchSchema'");
        assertThat(broken).isNotEqualTo(document);
        Path copy = Files.createTempFile("asyncapi-broken", ".yaml");
        try {
            Files.writeString(copy, broken, StandardCharsets.UTF_8);
            Run validate = run(List.of("node", "validate.mjs", copy.toString()));
            assertThat(validate.exit()).as(validate.output()).isEqualTo(1);
            assertThat(validate.output()).contains("NoSuchSchema").contains("INVALID:");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(LOG.getParent());
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(LOG.toFile()).start();
        int exit = process.waitFor();
        return new Run(exit, Files.readString(LOG, StandardCharsets.UTF_8));
    }
}
