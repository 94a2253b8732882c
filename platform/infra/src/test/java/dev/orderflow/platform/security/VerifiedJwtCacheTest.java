package dev.orderflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The services' decoder verifies a token once, then trusts it until it expires — and refuses what it refused before. */
class VerifiedJwtCacheTest {

    private static final String SECRET = "an-operator-chosen-secret-0123456789abcdef";

    private final SettableClock clock = new SettableClock(Instant.now());
    private final OAuth2TokenValidator<Jwt> validator = JwtSecurityAutoConfiguration.validator(null, List.of(), clock);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifying = token -> {
        verifications.incrementAndGet();
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(
                new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(validator);
        return nimbus.decode(token);
    };

    private VerifiedJwtCache cache(long size) {
        return new VerifiedJwtCache(verifying, validator, size, clock, Runnable::run);
    }

    @Test
    void theSameTokenIsVerifiedOnce() {
        VerifiedJwtCache decoder = cache(100);
        String token = JwtTokens.issue(SECRET, "staff-1", List.of("STAFF"), clock.instant().plusSeconds(3600));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("staff-1");
        assertThat(decoder.decode(token).getClaimAsStringList("roles")).containsExactly("STAFF");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("staff-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenIsVerifiedAgainAtItsExpiryAndRefusedOnceExpired() {
        VerifiedJwtCache decoder = cache(100);
        Instant exp = clock.instant().plusSeconds(120);
        String token = JwtTokens.issue(SECRET, "staff-1", List.of("STAFF"), exp);
        decoder.decode(token);
        assertThat(verifications).hasValue(1);

        clock.set(exp.plusSeconds(1)); // the entry is gone at exp; the validators' 60 s skew still accepts it
        decoder.decode(token);
        assertThat(verifications).hasValue(2);

        clock.set(exp.plusSeconds(61));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
        assertThat(decoder.size()).isZero();
    }

    @Test
    void aHitStillRunsTheValidators() {
        AtomicBoolean refusing = new AtomicBoolean();
        OAuth2TokenValidator<Jwt> revocable = jwt -> refusing.get()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null))
                : OAuth2TokenValidatorResult.success();
        VerifiedJwtCache decoder = new VerifiedJwtCache(verifying, revocable, 100, clock, Runnable::run);
        String token = JwtTokens.issue(SECRET, "staff-1", List.of("STAFF"), clock.instant().plusSeconds(3600));
        decoder.decode(token);
        refusing.set(true);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("revoked");
        assertThat(verifications).hasValue(1);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void aTamperedOrForgedTokenIsRefusedAndNeverCached() {
        VerifiedJwtCache decoder = cache(100);
        String token = JwtTokens.issue(SECRET, "staff-1", List.of("STAFF"), clock.instant().plusSeconds(3600));
        decoder.decode(token);
        String[] parts = token.split("\\.");
        String admin = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"staff-1\",\"roles\":[\"ADMIN\"],\"exp\":" + clock.instant().plusSeconds(3600).getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + admin + "." + parts[2];
        String forged = JwtTokens.issue("another-secret-that-is-long-enough-0123456789", "staff-1", List.of("ADMIN"),
                clock.instant().plusSeconds(3600));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        }
        assertThat(verifications).hasValue(5); // the good token once, each bad one every time
        assertThat(decoder.size()).isEqualTo(1);
    }

    @Test
    void theCacheIsBounded() {
        VerifiedJwtCache decoder = cache(10);
        for (int i = 0; i < 50; i++) {
            decoder.decode(JwtTokens.issue(SECRET, "user-" + i, List.of("USER"), clock.instant().plusSeconds(3600)));
        }
        assertThat(decoder.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void theServicesDecoderBeanCachesUnlessSwitchedOff() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JwtSecurityAutoConfiguration.class))
                .withPropertyValues("orderflow.security.jwt.secret=" + SECRET)
                .withBean(JsonMapper.class, () -> JsonMapper.builder().build());
        runner.run(context -> assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(VerifiedJwtCache.class));
        runner.withPropertyValues(JwtSecurityAutoConfiguration.CACHE_SIZE + "=0")
                .run(context -> assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(NimbusJwtDecoder.class));
    }

    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
