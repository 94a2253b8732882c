package dev.orderflow.contracttesting;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code docs/} folder from wherever a module's tests run. */
public final class ContractDocs {

    private ContractDocs() {
    }

    /** {@code docs/<relative>} of the repository: the nearest folder above the working directory that has it. */
    public static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve(relative);
            if (Files.exists(candidate) || Files.isDirectory(dir.resolve(".git")) || Files.exists(dir.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No docs/" + relative + " above " + Path.of("").toAbsolutePath());
    }
}
