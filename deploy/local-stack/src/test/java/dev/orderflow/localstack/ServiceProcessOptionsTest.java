package dev.orderflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The services' JVM flags: C1 and small heaps for bin/run, replaced or extended for the benchmark. */
class ServiceProcessOptionsTest {

    @AfterEach
    void clear() {
        System.clearProperty("orderflow.stack.jvm-options");
        System.clearProperty("orderflow.stack.jvm-options.order-service");
    }

    @Test
    void quickStartFlagsByDefault() {
        assertThat(ServiceProcess.jvmOptions("order-service"))
                .containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+UseSerialGC", "-Xmx384m");
    }

    @Test
    void theBenchmarkReplacesThemForAllAndAddsPerService() {
        System.setProperty("orderflow.stack.jvm-options", " -XX:MaxRAM=768m  -XX:MaxRAMPercentage=75 ");
        System.setProperty("orderflow.stack.jvm-options.order-service", "-XX:+UseSerialGC\n  -Dx=y");
        assertThat(ServiceProcess.jvmOptions("order-service"))
                .containsExactly("-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-Dx=y");
        assertThat(ServiceProcess.jvmOptions("dispatch-service")).containsExactly("-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=75");
    }
}
