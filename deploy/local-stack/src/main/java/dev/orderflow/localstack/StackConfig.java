package dev.orderflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.orderflow.embedded.EmbeddedKafka;
import dev.orderflow.embedded.EmbeddedPostgres;

/** Where everything of the local stack runs and how the services are wired to each other (docs/ports.md). */
record StackConfig(Path rootDir, Path dataDir, String jwtSecret, String webhookSecret) {

    static final int POSTGRES_PORT = 55432;
    static final int KAFKA_PORT = 9092;
    static final List<String> DATABASES = List.of("order_service", "dispatch_service", "courier_adapter");

    static final int ORDER_PORT = 8080;
    static final int DISPATCH_PORT = 8081;
    static final int COURIER_PORT = 8082;
    static final int REALTIME_PORT = 8083;
    static final int SOCKET_PORT = 8084;
    static final int KWIK_PORT = 8085;
    /** The sandbox control API's {@code X-Sandbox-Key}: the sandbox's default (its merchant password). */
    static final String SANDBOX_KEY = "sandbox-password";
    /** Each service's management port (probes, metrics, API docs) is its port + 1000; the sandbox has none. */
    static final int MANAGEMENT_OFFSET = 1000;
    static final int MAIL_PAGE_PORT = 8086;
    /** order-service's default spring.mail.port. */
    static final int SMTP_PORT = 3025;

    /** The build's version (local-stack.properties, filtered by Maven): the services' jars carry the same. */
    static final String VERSION = buildVersion();

    static StackConfig fromSystemProperties() {
        Path root = Path.of(System.getProperty("orderflow.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("orderflow.data", root.resolve(".local").toString())).toAbsolutePath();
        return new StackConfig(root, data,
                System.getProperty("orderflow.jwt-secret", "local-demo-secret-not-for-production-0123456789"),
                System.getProperty("orderflow.webhook-secret", "local-kwik-webhook-secret"));
    }

    List<ServiceProcess> services(EmbeddedPostgres postgres, EmbeddedKafka kafka) {
        return List.of(
                service("kwik-sandbox", "deploy/kwik-sandbox", KWIK_PORT, Map.of(
                        "orderflow.kwik.sandbox.webhook-url", "http://localhost:" + COURIER_PORT + "/webhooks/kwik?token=" + webhookSecret,
                        // drivers under way report where they are, as Tookan does (docs/kwik.md §5)
                        "orderflow.kwik.sandbox.fleet-location-interval", "2s")),
                service("courier-adapter", "courier-adapter", COURIER_PORT, merge(database(postgres, "courier_adapter"), Map.of(
                        "orderflow.courier.kwik.webhook-secret", webhookSecret)), kafka),
                service("dispatch-service", "dispatch-service", DISPATCH_PORT, merge(database(postgres, "dispatch_service"), Map.of(
                        "orderflow.kwik.base-url", "http://localhost:" + KWIK_PORT,
                        // our riders when one is free near the shop, else Kwik (docs/dispatch.md, Riders)
                        "orderflow.dispatch.riders.courier", "AUTO")), kafka),
                service("order-service", "order-service", ORDER_PORT, merge(database(postgres, "order_service"), Map.of(
                        "orderflow.dispatch-service.url", "http://localhost:" + DISPATCH_PORT)), kafka),
                service("realtime-service", "realtime-service", REALTIME_PORT, Map.of(
                        "orderflow.realtime.port", String.valueOf(SOCKET_PORT),
                        "orderflow.realtime.api-url", "http://localhost:" + ORDER_PORT), kafka));
    }

    String healthUrl(String service) {
        int port = switch (service) {
            case "kwik-sandbox" -> KWIK_PORT;
            case "courier-adapter" -> COURIER_PORT;
            case "dispatch-service" -> DISPATCH_PORT;
            case "order-service" -> ORDER_PORT;
            case "realtime-service" -> REALTIME_PORT;
            default -> throw new IllegalArgumentException(service);
        };
        return "http://localhost:" + (service.equals("kwik-sandbox") ? port : port + MANAGEMENT_OFFSET) + "/actuator/health";
    }

    private ServiceProcess service(String name, String module, int port, Map<String, String> own) {
        Map<String, String> properties = new LinkedHashMap<>(own);
        properties.put("server.port", String.valueOf(port));
        return new ServiceProcess(name, rootDir.resolve(module).resolve("target").resolve(
                name + "-" + VERSION + "-exec.jar"), properties);
    }

    private ServiceProcess service(String name, String module, int port, Map<String, String> own, EmbeddedKafka kafka) {
        Map<String, String> withManagement = merge(own, Map.of("management.server.port", String.valueOf(port + MANAGEMENT_OFFSET)));
        return service(name, module, port, merge(withManagement, merge(LocalStack.common(kafka, jwtSecret),
                Map.of("logging.structured.format.console", "logstash"))));
    }

    private static Map<String, String> database(EmbeddedPostgres postgres, String name) {
        return Map.of("spring.datasource.url", postgres.jdbcUrl(name),
                "spring.datasource.username", EmbeddedPostgres.USER,
                "spring.datasource.password", EmbeddedPostgres.PASSWORD);
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    private static String buildVersion() {
        try (InputStream in = StackConfig.class.getResourceAsStream("/local-stack.properties")) {
            Properties build = new Properties();
            build.load(in);
            return build.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("local-stack.properties is missing from the build", e);
        }
    }
}
