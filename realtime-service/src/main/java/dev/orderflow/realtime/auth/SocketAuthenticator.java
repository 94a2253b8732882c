package dev.orderflow.realtime.auth;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.security.Caller;

/**
 * Turns a bearer token into a {@link Caller}. Sockets authenticate outside Spring Security's
 * filter chain, so this is the one place where the gateway checks a token (signature, expiry).
 */
@Component
public class SocketAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(SocketAuthenticator.class);

    private final JwtDecoder decoder;

    public SocketAuthenticator(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** The caller, or empty for a missing, malformed, badly signed or expired token. */
    public Optional<Caller> authenticate(String token) {
        return authenticateSession(token).map(Session::caller);
    }

    /** The caller and when its token expires (null: never), or empty as {@link #authenticate}. */
    public Optional<Session> authenticateSession(String token) {
        if (token == null || token.isBlank()) {
            log.atInfo().addKeyValue("event", ErrorCode.SOCKET_AUTH_FAILED.name()).addKeyValue("reason", "missing-token").log("Socket token missing");
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token.startsWith("Bearer ") ? token.substring(7) : token);
            Caller caller = Caller.of(jwt);
            return caller.userId() == null ? Optional.empty() : Optional.of(new Session(caller, jwt.getExpiresAt()));
        } catch (JwtException | IllegalArgumentException e) {
            log.atInfo().addKeyValue("event", ErrorCode.SOCKET_AUTH_FAILED.name()).addKeyValue("reason", e.getMessage()).log("Socket token refused");
            return Optional.empty();
        }
    }

    /** An authenticated socket session: who, and until when its token holds. */
    public record Session(Caller caller, Instant expiresAt) {
    }
}
