package dev.orderflow.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up speed for the local stack: five Spring Boot JVMs share two cores, and most of their start
 * is loading classes. Each service runs from its extracted jar (Boot's {@code jarmode=tools extract})
 * with a dynamic CDS archive the JVM writes on the service's first clean exit and maps on every later
 * start. A rebuilt jar is extracted again and gets a fresh archive.
 */
final class ClassDataCache {

    private final Path root;

    ClassDataCache(Path root) {
        this.root = root;
    }

    /** The JVM arguments that run {@code jar} from the cache (extracting it first if it changed). */
    List<String> launch(String name, Path jar) throws IOException, InterruptedException {
        Path dir = root.resolve(name);
        Path stamp = dir.resolve("source.stamp");
        String fingerprint = jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(fingerprint)) {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            extract(jar, dir.resolve("app"));
            Files.writeString(stamp, fingerprint);
        }
        return List.of("-XX:SharedArchiveFile=" + dir.resolve(name + ".jsa"), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-jar", dir.resolve("app").resolve(jar.getFileName()).toString());
    }

    private static void extract(Path jar, Path destination) throws IOException, InterruptedException {
        Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", destination.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
            throw new IllegalStateException("Could not extract " + jar);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
