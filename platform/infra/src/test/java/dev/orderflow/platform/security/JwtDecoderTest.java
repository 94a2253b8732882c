package dev.orderflow.platform.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoder every service uses: what it accepts and refuses, with a secret and with an identity provider's JWK set. */
class JwtDecoderTest {

    private static final String SECRET = "an-operator-chosen-secret-0123456789abcdef";

    private static HttpServer idp;
    private static RSAKey rsa;
    private static ECKey ec;
    private static String jwkSetUri;

    @BeforeAll
    static void identityProvider() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] keys = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        idp.start();
        jwkSetUri = "http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks";
    }

    @AfterAll
    static void stop() {
        idp.stop(0);
    }

    @Test
    void hmacTokenWithExpiryIsAccepted() {
        JwtDecoder decoder = hmac(null, List.of());
        assertThat(decoder.decode(JwtTokens.issue(SECRET, "admin-1", List.of("ADMIN"), Duration.ofMinutes(5)))
                .getSubject()).isEqualTo("admin-1");
    }

    @Test
    void tokenWithoutExpIsRefused() throws Exception {
        String noExp = sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null,
                claims().build());
        assertThatThrownBy(() -> hmac(null, List.of()).decode(noExp)).isInstanceOf(JwtException.class)
                .hasMessageContaining("exp");
    }

    @Test
    void expiredTokenIsRefused() {
        String expired = JwtTokens.issue(SECRET, "admin-1", List.of("ADMIN"), Instant.now().minusSeconds(120));
        assertThatThrownBy(() -> hmac(null, List.of()).decode(expired)).isInstanceOf(JwtException.class);
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        JwtDecoder decoder = hmac("https://id.example", List.of("orderflow"));
        MACSigner mac = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8));
        String right = sign(mac, JWSAlgorithm.HS256, null, claims().issuer("https://id.example").audience("orderflow")
                .expirationTime(in(5)).build());
        String wrongIssuer = sign(mac, JWSAlgorithm.HS256, null, claims().issuer("https://evil.example")
                .audience("orderflow").expirationTime(in(5)).build());
        String wrongAudience = sign(mac, JWSAlgorithm.HS256, null, claims().issuer("https://id.example")
                .audience("another-app").expirationTime(in(5)).build());
        assertThat(decoder.decode(right).getSubject()).isEqualTo("admin-1");
        assertThatThrownBy(() -> decoder.decode(wrongIssuer)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(wrongAudience)).isInstanceOf(JwtException.class);
        // plain JwtTokens carry neither: refused once an issuer is required
        assertThatThrownBy(() -> decoder.decode(JwtTokens.issue(SECRET, "admin-1", List.of("ADMIN"), Duration.ofMinutes(5))))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void demoSecretRefusedOutsideTheDemo() {
        JwtProperties production = new JwtProperties("local-demo-secret-not-for-production-0123456789", null, null, false);
        assertThatThrownBy(() -> JwtSecurityAutoConfiguration.decoder(production, null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo secret");
        JwtProperties demo = new JwtProperties("local-demo-secret-not-for-production-0123456789", null, null, true);
        assertThat(JwtSecurityAutoConfiguration.decoder(demo, null, null)).isNotNull();
        assertThatThrownBy(() -> JwtSecurityAutoConfiguration.decoder(new JwtProperties(null, null, null, false), null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No token verification");
        assertThatThrownBy(() -> JwtSecurityAutoConfiguration.decoder(new JwtProperties("short", null, null, false), null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void identityProviderKeysTakeOverFromTheSecret() throws Exception {
        // the secret is still set (as every application.yml does): the JWK set wins
        JwtDecoder decoder = JwtSecurityAutoConfiguration.decoder(
                new JwtProperties(SECRET, "https://id.example", List.of("orderflow"), false), jwkSetUri, null);
        JWTClaimsSet good = claims().issuer("https://id.example").audience("orderflow").expirationTime(in(5)).build();
        assertThat(decoder.decode(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", good)).getClaimAsStringList("roles"))
                .containsExactly("ADMIN");
        assertThat(decoder.decode(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", good)).getSubject())
                .isEqualTo("admin-1");

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertThatThrownBy(() -> decoder.decode(sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1", good)))
                .isInstanceOf(JwtException.class);
        // a service holding the old shared secret can no longer mint tokens
        assertThatThrownBy(() -> decoder.decode(sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)),
                JWSAlgorithm.HS256, null, good))).isInstanceOf(JwtException.class);
        JWTClaimsSet noExp = claims().issuer("https://id.example").audience("orderflow").build();
        assertThatThrownBy(() -> decoder.decode(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", noExp)))
                .isInstanceOf(JwtException.class);
    }

    private static JwtDecoder hmac(String issuer, List<String> audiences) {
        return JwtSecurityAutoConfiguration.decoder(new JwtProperties(SECRET, issuer, audiences, false), null, null);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("admin-1").claim("roles", List.of("ADMIN")).issueTime(new Date());
    }

    private static Date in(int minutes) {
        return Date.from(Instant.now().plusSeconds(minutes * 60L));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String keyId, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
