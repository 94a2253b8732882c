package dev.orderflow.kwiksandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.kwik.sandbox.*}: the merchant account the sandbox accepts and where its callbacks go.
 *
 * @param webhookUrl  full callback URL; the shared secret rides in it as {@code ?token=} (docs/kwik.md §4)
 * @param autoAdvance move every task along its timeline by itself
 * @param stepDelay   time between two timeline steps when advancing by itself
 * @param publicUrl   base of the tracking links the sandbox hands out
 */
@ConfigurationProperties("orderflow.kwik.sandbox")
public record SandboxProperties(
        @DefaultValue("merchant@orderflow.dev") String email,
        @DefaultValue("sandbox-password") String password,
        @DefaultValue("4242") long vendorId,
        @DefaultValue("http://localhost:8082/webhooks/kwik?token=dev-kwik-webhook-secret") String webhookUrl,
        @DefaultValue("true") boolean autoAdvance,
        @DefaultValue("5s") Duration stepDelay,
        @DefaultValue("http://localhost:8085") String publicUrl) {
}
