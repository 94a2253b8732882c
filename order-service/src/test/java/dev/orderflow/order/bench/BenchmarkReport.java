package dev.orderflow.order.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces one "## heading" section of docs/benchmarks.md, leaving the other benchmarks' sections alone. */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    static void writeSection(Path file, String heading, String body) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        String header = "## " + heading + "\n";
        String section = header + "\n" + body.strip() + "\n\n";
        int start = text.indexOf(header);
        if (start < 0) {
            text = text.stripTrailing() + "\n\n" + section;
        } else {
            int next = text.indexOf("\n## ", start + header.length());
            text = text.substring(0, start) + section + (next < 0 ? "" : text.substring(next + 1));
        }
        Files.writeString(file, text.stripTrailing() + "\n");
    }
}
