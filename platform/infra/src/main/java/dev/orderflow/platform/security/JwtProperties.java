package dev.orderflow.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderflow.security.jwt.secret}: the HS256 shared secret (at least 32 bytes). Leave it
 * empty and set {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or jwk-set-uri)
 * in production to validate tokens from an identity provider instead.
 */
@ConfigurationProperties("orderflow.security.jwt")
public record JwtProperties(String secret) {
}
