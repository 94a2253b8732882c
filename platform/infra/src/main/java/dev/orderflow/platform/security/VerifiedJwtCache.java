package dev.orderflow.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A client sends the same bearer token with every request until it expires; verifying its
 * signature and parsing its claims each time was about a tenth of a status change's CPU
 * (docs/performance.md). This decoder remembers the tokens the delegate accepted, keyed by the
 * token text, in a bounded cache: an entry lives until the token's {@code exp} (at most
 * {@link #MAX_LIFETIME}, so a key the identity provider withdraws stops counting soon), and a hit
 * still runs the validators (expiry, issuer, audience), so what is refused stays refused. Only what
 * the delegate accepted enters: a forged or altered token is a different text and is verified in full.
 */
public final class VerifiedJwtCache implements JwtDecoder {

    /** How long a verified token is trusted without checking its signature again. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public VerifiedJwtCache(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, long maximumSize) {
        this(delegate, validator, maximumSize, Clock.systemUTC(), null);
    }

    /** {@code executor} runs the cache's upkeep (null: Caffeine's default); tests pass {@code Runnable::run}. */
    VerifiedJwtCache(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, long maximumSize, Clock clock,
                     Executor executor) {
        this.delegate = delegate;
        this.validator = validator;
        this.clock = clock;
        Caffeine<String, Jwt> builder = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> max(lifetime(jwt), Duration.ZERO)));
        if (executor != null) {
            builder.executor(executor);
        }
        this.verified = builder.build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = token == null ? null : verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = delegate.decode(token);
            if (lifetime(jwt).isPositive()) {
                verified.put(token, jwt);
            }
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            // worded as NimbusJwtDecoder words a refusal, so a hit and a miss read the same
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description,
                    result.getErrors());
        }
        return known;
    }

    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
