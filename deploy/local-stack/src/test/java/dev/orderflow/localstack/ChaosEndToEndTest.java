package dev.orderflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The short chaos run of bin/test (bin/chaos runs the long one; docs/reliability.md): the whole stack
 * under load with socket clients connected while every service is killed with SIGKILL and restarted,
 * then Kafka and PostgreSQL; nothing acknowledged lost, nothing booked twice, every webhook applied,
 * no dead letters. Runs under failsafe (…EndToEndTest) and uses the stack's fixed ports: do not run it
 * beside a running bin/run.
 */
class ChaosEndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    @Test
    void aShortChaosRunLosesNothingAndBooksNothingTwice() throws Exception {
        Path data = Files.createTempDirectory(ROOT.resolve("deploy/local-stack/target"), "chaos-");
        StackConfig config = new StackConfig(ROOT, data, "chaos-secret-chaos-secret-chaos-secret-0123", "chaos-webhook-secret");

        ChaosChecks.Result result = Chaos.run(config, Duration.ofSeconds(6));

        String report = String.join("\n", result.rows());
        ChaosChecks.Counts counts = result.counts();
        // the run was real: a passing run with nothing in it would prove nothing
        assertThat(counts.faults()).as("faults injected and undone").isEqualTo(7);
        assertThat(counts.orders()).as("orders acknowledged").isPositive();
        assertThat(counts.changes()).as("acknowledged changes (create, capture, ready)").isGreaterThan(counts.orders());
        assertThat(counts.bookings()).as("Kwik bookings").isPositive();
        assertThat(counts.callbacks()).as("courier callbacks answered 200").isPositive();
        assertThat(counts.delivered()).as("deliveries called back").isPositive();
        assertThat(counts.clients()).as("socket clients").isEqualTo(4);
        assertThat(counts.cursorReconnects()).as("reconnects with a cursor (realtime-service was killed)").isGreaterThanOrEqualTo(4);
        assertThat(counts.recoveredCatchUps()).as("catch-ups recovered").isPositive();
        assertThat(counts.liveEvents()).as("order.updated received live").isPositive();
        // and every check passed
        assertThat(result.passed()).as(report).isTrue();
    }
}
