package dev.orderflow.kwiksandbox;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A local stand-in for Kwik's (Tookan-based) delivery API: the calls we use, a task timeline
 * that sends status callbacks, and a control API for faults (docs/kwik.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KwikSandboxApplication {

    /** Defaults as lowest-precedence properties, so the sandbox needs no application.yml of its own. */
    public static final Map<String, Object> DEFAULTS = Map.of(
            "spring.application.name", "kwik-sandbox",
            "server.port", 8085,
            "spring.mvc.problemdetails.enabled", true,
            "management.endpoints.web.exposure.include", "health,info");

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(KwikSandboxApplication.class).properties(DEFAULTS);
    }

    /**
     * Runs the sandbox inside another application's JVM (the services' tests), on a free port and
     * with the timeline advanced only on command. The auto-configurations excluded are the host's
     * (database, Kafka, Spring Security) that the sandbox must not pick up from a shared classpath.
     */
    public static ConfigurableApplicationContext inProcess(String webhookUrl) {
        return builder().run("--server.port=0", "--spring.config.name=kwik-sandbox",
                "--spring.autoconfigure.exclude=" + String.join(",", NOT_FOR_THE_SANDBOX),
                "--orderflow.kwik.sandbox.auto-advance=false", "--orderflow.kwik.sandbox.webhook-url=" + webhookUrl);
    }

    private static final List<String> NOT_FOR_THE_SANDBOX = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

    public static void main(String[] args) {
        builder().run(args);
    }
}
