package dev.orderflow.realtime.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.orderflow.platform.security.JwtTokens;

/** The test secret, tokens for it, and free ports. */
public final class Tokens {

    public static final String SECRET = "realtime-test-secret-0123456789abcdef";

    private Tokens() {
    }

    public static String customer(String id) {
        return JwtTokens.issue(SECRET, id, List.of("CUSTOMER"), Duration.ofHours(1));
    }

    public static String agent(String id) {
        return JwtTokens.issue(SECRET, id, List.of("AGENT"), Duration.ofHours(1));
    }

    public static String admin(String id) {
        return JwtTokens.issue(SECRET, id, List.of("ADMIN"), Duration.ofHours(1));
    }

    public static String expired(String id) {
        return JwtTokens.issue(SECRET, id, List.of("ADMIN"), Instant.now().minusSeconds(120));
    }

    public static String signedWithAnotherSecret(String id) {
        return JwtTokens.issue("another-secret-another-secret-another-secret", id, List.of("ADMIN"), Duration.ofHours(1));
    }

    public static Map<String, Object> auth(String token) {
        return Map.of("token", token);
    }

    public static Map<String, Object> auth(String token, String cursor) {
        return Map.of("token", token, "cursor", cursor);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
