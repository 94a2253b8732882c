package dev.orderflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.util.StringUtils;

/**
 * JWT wiring shared by every service: one decoder (an identity provider's key set when one is
 * configured, else the HS256 secret), every token must carry {@code exp} and, when configured, the
 * issuer and an audience; {@code roles} claim → ROLE_ authorities.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties(JwtProperties.class)
public class JwtSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtSecurityAutoConfiguration.class);

    /** Markers of the secrets published in this repository (application.yml, compose, local stack, tests). */
    private static final List<String> DEMO_MARKERS = List.of("demo", "change-me", "not-for-production");

    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    /** How many verified tokens the services' decoder remembers (VerifiedJwtCache); 0 verifies every time. */
    static final String SECURITY_OBSERVATIONS = "orderflow.tracing.security-observations";
    static final String CACHE_SIZE = "orderflow.security.jwt.verified-cache-size";

    /** Only where tokens are configured at all (an app on the classpath without them, like the Kwik sandbox, has none). */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(TokensConfigured.class)
    JwtDecoder jwtDecoder(JwtProperties properties, Environment env) {
        String issuerUri = env.getProperty(ISSUER_URI);
        JwtDecoder decoder = decoder(properties, env.getProperty(JWK_SET_URI), issuerUri);
        int cacheSize = env.getProperty(CACHE_SIZE, Integer.class, 1024);
        return cacheSize > 0
                ? new VerifiedJwtCache(decoder, validator(issuer(properties, issuerUri), properties.audiences()), cacheSize)
                : decoder;
    }

    /** The decoder for the given settings; also used by tests and the Socket.IO gateway's own checks. */
    public static JwtDecoder decoder(JwtProperties properties, String jwkSetUri, String issuerUri) {
        NimbusJwtDecoder decoder;
        if (StringUtils.hasText(jwkSetUri) || StringUtils.hasText(issuerUri)) {
            String keys = StringUtils.hasText(jwkSetUri) ? jwkSetUri : null;
            decoder = keys != null
                    ? NimbusJwtDecoder.withJwkSetUri(keys).jwsAlgorithms(algs -> {
                        algs.add(SignatureAlgorithm.RS256);
                        algs.add(SignatureAlgorithm.ES256);
                    }).build()
                    : NimbusJwtDecoder.withIssuerLocation(issuerUri).build();
            log.atInfo().addKeyValue("jwkSetUri", jwkSetUri).addKeyValue("issuerUri", issuerUri)
                    .log("Bearer tokens are checked against the identity provider's keys (RS256/ES256)");
        } else {
            decoder = hmac(properties);
        }
        decoder.setJwtValidator(validator(issuer(properties, issuerUri), properties.audiences()));
        return decoder;
    }

    /** The {@code iss} tokens must carry: the configured one, else the identity provider's issuer URI. */
    private static String issuer(JwtProperties properties, String issuerUri) {
        return !StringUtils.hasText(properties.issuer()) && StringUtils.hasText(issuerUri) ? issuerUri : properties.issuer();
    }

    /** exp required (a token without one would never expire), nbf/exp with 60 s skew, iss and aud when set. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        return validator(issuer, audiences, Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        validators.add(timestamps);
        if (StringUtils.hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static NimbusJwtDecoder hmac(JwtProperties properties) {
        String secret = properties.secret();
        if (!StringUtils.hasText(secret)) {
            throw new IllegalStateException("No token verification configured: set orderflow.security.jwt.secret "
                    + "(HS256) or " + JWK_SET_URI + " / " + ISSUER_URI + " (an identity provider)");
        }
        if (!properties.demoAllowed() && isDemoSecret(secret)) {
            throw new IllegalStateException("orderflow.security.jwt.secret is a published demo secret: set a secret "
                    + "of your own (or an identity provider); demo secrets are accepted only with "
                    + "orderflow.security.jwt.demo-allowed=true (local stack, docker-compose, tests)");
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("orderflow.security.jwt.secret must be at least 32 bytes for HS256");
        }
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    /** The services that carry the delivery OTP (dispatch-service seals, order-service opens) set the key. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("orderflow.otp.sealing-key")
    OtpSeal otpSeal(Environment env, JwtProperties properties) {
        String key = env.getRequiredProperty("orderflow.otp.sealing-key");
        if (!properties.demoAllowed() && isDemoSecret(key)) {
            throw new IllegalStateException("orderflow.otp.sealing-key is a published demo key: set a key of your own");
        }
        return new OtpSeal(key);
    }

    static class TokensConfigured extends AnyNestedCondition {

        TokensConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("orderflow.security.jwt.secret")
        static class Secret {
        }

        @ConditionalOnProperty(JWK_SET_URI)
        static class JwkSet {
        }

        @ConditionalOnProperty(ISSUER_URI)
        static class Issuer {
        }
    }

    static boolean isDemoSecret(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        return DEMO_MARKERS.stream().anyMatch(lower::contains);
    }

    /**
     * Spring Security observes each request a second time: an observation around the filter chain
     * with an event per filter, one per authentication and one per authorization, each with its own
     * meters and spans. The request's own observation (http.server.requests, its span and trace
     * headers) already covers them; the extra layers were about a tenth of a status change's CPU in
     * order-service (docs/performance.md). {@code orderflow.tracing.security-observations=true}
     * brings them back.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = SECURITY_OBSERVATIONS, havingValue = "false", matchIfMissing = true)
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter rolesClaimConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(tools.jackson.databind.json.JsonMapper mapper) {
        return new ProblemSecurityHandlers(mapper);
    }
}
