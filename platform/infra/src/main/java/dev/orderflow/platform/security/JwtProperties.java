package dev.orderflow.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bearer tokens are checked (docs/security.md §Tokens).
 *
 * @param secret      the HS256 shared secret (at least 32 bytes). Ignored when an identity provider
 *                    is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 *                    {@code jwk-set-uri}): then RS256/ES256 tokens from its key set are accepted.
 * @param issuer      when set, the {@code iss} every token must carry
 * @param audiences   when set, {@code aud} must name one of them
 * @param demoAllowed true only on the local stack, docker-compose and in tests: a published demo
 *                    secret is refused at startup anywhere else
 */
@ConfigurationProperties("orderflow.security.jwt")
public record JwtProperties(String secret, String issuer, List<String> audiences, boolean demoAllowed) {

    public JwtProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
}
