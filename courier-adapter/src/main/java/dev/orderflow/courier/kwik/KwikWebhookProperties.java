package dev.orderflow.courier.kwik;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code courier.kwik.webhook-secret}: the token Kwik sends as {@code ?token=} on the callback URL
 * we registered with it (Kwik does not sign callbacks; docs/kwik.md §4).
 */
@ConfigurationProperties("courier.kwik")
public record KwikWebhookProperties(String webhookSecret) {

    public KwikWebhookProperties {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException("courier.kwik.webhook-secret must be set");
        }
    }

    /** Constant-time comparison; both sides are hashed first so not even the length leaks. */
    public boolean accepts(String token) {
        return token != null && MessageDigest.isEqual(sha256(webhookSecret), sha256(token));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
