package dev.orderflow.courier.kwik;

import java.security.MessageDigest;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.orderflow.platform.security.Sha256;

/**
 * {@code orderflow.courier.kwik.webhook-secret}: the token Kwik sends as {@code ?token=} on the callback URL
 * we registered with it (Kwik does not sign callbacks; docs/kwik.md §4).
 */
@ConfigurationProperties("orderflow.courier.kwik")
public record KwikWebhookProperties(String webhookSecret) {

    public KwikWebhookProperties {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException("orderflow.courier.kwik.webhook-secret must be set");
        }
    }

    /** Constant-time comparison; both sides are hashed first so not even the length leaks. */
    public boolean accepts(String token) {
        return token != null && MessageDigest.isEqual(Sha256.digest(webhookSecret), Sha256.digest(token));
    }
}
