package dev.orderflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Service-to-service identity (client-credentials style): the calling service signs a short-lived
 * token with a key only it and the callee hold ({@code orderflow.security.service-token.secret},
 * not the users' key), role {@code SERVICE}, audience the callee, and the user it acts for in
 * {@code act} ({@code sub}, {@code roles}) so the callee can still check the user's rights. A
 * user's token is never accepted by an internal API; a service key cannot mint user tokens.
 */
public final class ServiceTokens {

    public static final String SERVICE_ROLE = "SERVICE";

    private ServiceTokens() {
    }

    public static String mint(String secret, String service, String audience, Caller onBehalfOf, Duration ttl) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(service)
                    .issuer(service)
                    .audience(audience)
                    .claim("roles", List.of(SERVICE_ROLE))
                    .claim("act", Map.of("sub", onBehalfOf.userId(), "roles", List.copyOf(onBehalfOf.roles())))
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(ttl)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key(secret)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot sign service token", e);
        }
    }

    /**
     * Accepts only service tokens for {@code audience} signed with the service key: exp required.
     * A published demo key is refused unless {@code demoAllowed} (as for the users' secret).
     */
    public static JwtDecoder decoder(String secret, String audience, boolean demoAllowed) {
        if (!demoAllowed && JwtSecurityAutoConfiguration.isDemoSecret(secret)) {
            throw new IllegalStateException("orderflow.security.service-token.secret is a published demo secret: "
                    + "set one of your own");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key(secret), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtSecurityAutoConfiguration.validator(null, List.of(audience)));
        return decoder;
    }

    /** The user a service token acts for; nobody when it names none. */
    public static Caller actor(Jwt jwt) {
        Object act = jwt.getClaims().get("act");
        if (act instanceof Map<?, ?> map && map.get("sub") instanceof String sub) {
            Object roles = map.get("roles");
            Set<String> names = roles instanceof List<?> list
                    ? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet()) : Set.of();
            return new Caller(sub, names);
        }
        return new Caller(jwt.getSubject(), Set.of());
    }

    private static byte[] key(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("orderflow.security.service-token.secret must be at least 32 bytes");
        }
        return key;
    }
}
