package dev.orderflow.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the stack as its own JVM (its own classpath and configuration, as in production),
 * its output in {@code <data>/logs/<name>.log}.
 */
final class ServiceProcess {

    private final String name;
    private final Path jar;
    private final Map<String, String> properties;
    private Process process;
    private Path logDir;
    private ClassDataCache cache;

    ServiceProcess(String name, Path jar, Map<String, String> properties) {
        this.name = name;
        this.jar = jar;
        this.properties = properties;
    }

    String name() {
        return name;
    }

    void start(Path logDir, ClassDataCache cache) throws IOException, InterruptedException {
        this.logDir = logDir;
        this.cache = cache;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build first (bin/run does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        List<String> launch = cache.launch(name, jar);
        int jarAt = launch.indexOf("-jar");
        command.addAll(launch.subList(0, jarAt));
        command.addAll(jvmOptions(name)); // after the cache's flags, so they can override them (-Xshare:off for JFR)
        command.addAll(launch.subList(jarAt, launch.size()));
        Path log = logDir.resolve(name + ".log");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * C1 only and small heaps by default: quick starts for a laptop. The benchmark (bin/bench e2e) runs
     * the production flags instead: {@code -Dorderflow.stack.jvm-options="..."} replaces these for
     * every service, {@code -Dorderflow.stack.jvm-options.<service>="..."} adds to them for one
     * (e.g. a JFR recording).
     */
    static List<String> jvmOptions(String service) {
        List<String> options = new ArrayList<>(split(System.getProperty("orderflow.stack.jvm-options",
                "-XX:TieredStopAtLevel=1 -Xss512k -XX:+UseSerialGC -Xmx384m")));
        options.addAll(split(System.getProperty("orderflow.stack.jvm-options." + service, "")));
        return options;
    }

    private static List<String> split(String options) {
        return java.util.Arrays.stream(options.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    }

    /** kill -9: no shutdown hook, no graceful close — what a crash or an OOM kill does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts it again as it was started (same configuration and log file). */
    void restart() throws IOException, InterruptedException {
        start(logDir, cache);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Stops every service at once (SIGTERM: Spring closes gracefully, each outbox relay records its
     * position), waits for them together, and kills what is still running after {@code grace}.
     */
    static void stopAll(List<ServiceProcess> services, Duration grace) {
        services.stream().filter(ServiceProcess::isAlive).forEach(s -> s.process.destroy());
        long deadline = System.nanoTime() + grace.toNanos();
        for (ServiceProcess service : services) {
            if (service.process == null) {
                continue;
            }
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!service.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    System.out.println("  " + service.name + " did not stop in time; killing it");
                    service.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                service.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Prints the last lines of the log, for a service that died at start. */
    static void tail(Path log, int lines, PrintStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            List<String> all = reader.lines().toList();
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
        } catch (IOException e) {
            out.println("(no log at " + log + ")");
        }
    }
}
