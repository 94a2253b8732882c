package dev.orderflow.kwiksandbox;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
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

    public static void main(String[] args) {
        builder().run(args);
    }
}
