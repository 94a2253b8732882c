package dev.orderflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orderflow.contracts.Topics;
import dev.orderflow.embedded.EmbeddedKafka;
import dev.orderflow.embedded.EmbeddedPostgres;

/**
 * The whole system on one machine: a real PostgreSQL and a real Kafka broker (KRaft) in this
 * process, each service and the Kwik sandbox as its own JVM. Data lives in {@code .local/} (delete
 * it for a fresh start); Ctrl-C stops everything in order.
 */
public final class LocalStack {

    // five JVMs starting at once on two shared cores can take minutes
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        StackConfig config = StackConfig.fromSystemProperties();
        if (args.length > 0 && "demo".equals(args[0])) {
            Demo.run(config);
            return;
        }
        if (args.length > 0 && "chaos".equals(args[0])) {
            try {
                System.exit(Chaos.run(config, args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : null).passed() ? 0 : 1);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(2); // the run could not be completed (a fault the stack did not survive)
            }
            return;
        }
        Running stack;
        try {
            stack = start(config);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the stack…");
            stack.close();
            System.out.println("Stopped. Data kept in " + config.dataDir());
        }, "local-stack-shutdown"));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(Banner.text(config, seconds));
        Thread.currentThread().join();
    }

    /**
     * The running stack; closing it stops the services, then Kafka, then PostgreSQL. Kafka and
     * PostgreSQL run in this JVM, so restarting them (the chaos run) is a method here: same data
     * directory, same port, clients reconnect.
     */
    static final class Running implements AutoCloseable {

        private final List<ServiceProcess> services;
        private final StackConfig config;
        private volatile EmbeddedKafka kafka;
        private volatile EmbeddedPostgres postgres;
        private final LocalMail mail;

        Running(List<ServiceProcess> services, EmbeddedKafka kafka, EmbeddedPostgres postgres, LocalMail mail,
                StackConfig config) {
            this.services = services;
            this.kafka = kafka;
            this.postgres = postgres;
            this.mail = mail;
            this.config = config;
        }

        LocalMail mail() {
            return mail;
        }

        List<ServiceProcess> services() {
            return services;
        }

        EmbeddedKafka kafka() {
            return kafka;
        }

        EmbeddedPostgres postgres() {
            return postgres;
        }

        /** Stops the broker and starts it again on its data and port; down for {@code downFor}. */
        synchronized void restartKafka(Duration downFor) throws InterruptedException {
            kafka.close();
            Thread.sleep(downFor.toMillis());
            kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"), StackConfig.KAFKA_PORT);
        }

        /** Crashes PostgreSQL (immediate shutdown: connections cut, crash recovery) and starts it again on its data and port. */
        synchronized void restartPostgres(Duration downFor) throws InterruptedException {
            postgres.crash();
            Thread.sleep(downFor.toMillis());
            postgres = EmbeddedPostgres.start(config.dataDir().resolve("postgres"), StackConfig.POSTGRES_PORT);
        }

        @Override
        public void close() {
            ServiceProcess.stopAll(services, Duration.ofSeconds(25));
            kafka.close();
            postgres.close();
            mail.close();
        }
    }

    /** Starts everything and waits until every service is healthy; a failure stops what started. */
    static Running start(StackConfig config) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(config.dataDir().resolve("logs"));
        EmbeddedPostgres postgres = EmbeddedPostgres.start(config.dataDir().resolve("postgres"), StackConfig.POSTGRES_PORT);
        StackConfig.DATABASES.forEach(postgres::createDatabase);
        EmbeddedKafka kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"), StackConfig.KAFKA_PORT);
        kafka.createTopics(3, Topics.ALL);
        LocalMail mail;
        try {
            mail = LocalMail.start(StackConfig.SMTP_PORT, StackConfig.MAIL_PAGE_PORT);
        } catch (IOException | RuntimeException e) {
            kafka.close();
            postgres.close();
            throw e;
        }
        Running stack = new Running(config.services(postgres, kafka), kafka, postgres, mail, config);
        try {
            ClassDataCache cache = new ClassDataCache(config.dataDir().resolve("cds"));
            for (ServiceProcess service : stack.services()) {
                service.start(logs, cache);
            }
            awaitHealthy(stack.services(), config, logs);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    static void awaitHealthy(List<ServiceProcess> services, StackConfig config, Path logs)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        List<ServiceProcess> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            for (ServiceProcess service : List.copyOf(pending)) {
                if (!service.isAlive()) {
                    System.err.println(service.name() + " exited during start; last lines of its log:");
                    ServiceProcess.tail(logs.resolve(service.name() + ".log"), 40, System.err);
                    throw new IllegalStateException(service.name() + " exited during start (logs in " + logs + ")");
                }
                if (isUp(http, config.healthUrl(service.name()))) {
                    pending.remove(service);
                    System.out.println("  up: " + service.name());
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException("Not healthy after " + STARTUP_TIMEOUT.toSeconds() + " s: "
                        + pending.stream().map(ServiceProcess::name).toList() + " (logs in " + logs + ")");
            }
            Thread.sleep(250);
        }
    }

    private static boolean isUp(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Map<String, String> common(EmbeddedKafka kafka, String secret) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("orderflow.security.jwt.secret", secret);
        properties.put("orderflow.security.jwt.demo-allowed", "true");
        return properties;
    }
}
