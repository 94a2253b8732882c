package dev.orderflow.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One PostgreSQL and one Kafka broker per test JVM, started on first use and stopped at
 * JVM exit. Every Spring test context of a module shares them; each test class isolates
 * itself with its own database name or fresh ids, never by restarting the infrastructure.
 */
public final class EmbeddedInfrastructure {

    private static EmbeddedInfrastructure shared;

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafka kafka;

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, EmbeddedKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static synchronized EmbeddedInfrastructure shared() {
        if (shared == null) {
            RootCheck.requireNonRoot();
            Path dir = tempDir();
            EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres"), 0);
            EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
            shared = new EmbeddedInfrastructure(postgres, kafka);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                postgres.close();
                deleteRecursively(dir);
            }, "embedded-infrastructure-shutdown"));
        }
        return shared;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("orderflow-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the OS temp cleaner takes the rest
        }
    }
}
