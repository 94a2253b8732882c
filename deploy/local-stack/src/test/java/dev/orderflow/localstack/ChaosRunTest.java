package dev.orderflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run of bin/test (bin/chaos runs the long one): the whole stack under load while
 * every service is killed and restarted, then Kafka and PostgreSQL; nothing acknowledged lost,
 * nothing booked twice. Uses the stack's fixed ports: do not run it beside a running bin/run.
 */
class ChaosRunTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    @Test
    @Disabled("not yet seen passing end to end on this machine (issue #15 item 1 open): run bin/chaos; docs/reliability.md")
    void aShortChaosRunLosesNothingAndBooksNothingTwice() throws Exception {
        Path data = Files.createTempDirectory(ROOT.resolve("deploy/local-stack/target"), "chaos-");
        StackConfig config = new StackConfig(ROOT, data, "chaos-secret-chaos-secret-chaos-secret-0123", "chaos-webhook-secret");
        assertThat(Chaos.run(config, Duration.ofSeconds(8))).as("the chaos report above").isTrue();
    }
}
