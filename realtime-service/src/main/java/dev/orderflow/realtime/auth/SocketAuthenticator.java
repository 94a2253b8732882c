package dev.orderflow.realtime.auth;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    public static final String AUTH_FAILED = ErrorCode.SOCKET_AUTH_FAILED.name();

    private static final Logger log = LoggerFactory.getLogger(SocketAuthenticator.class);

    private final JwtDecoder decoder;

    public SocketAuthenticator(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** The caller, or empty for a missing, malformed, badly signed or expired token. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            log.atInfo().addKeyValue("event", AUTH_FAILED).addKeyValue("reason", "missing-token").log("Socket token missing");
            return Optional.empty();
        }
        try {
            Caller caller = Caller.of(decoder.decode(token.startsWith("Bearer ") ? token.substring(7) : token));
            return caller.userId() == null ? Optional.empty() : Optional.of(caller);
        } catch (JwtException | IllegalArgumentException e) {
            log.atInfo().addKeyValue("event", AUTH_FAILED).addKeyValue("reason", e.getMessage()).log("Socket token refused");
            return Optional.empty();
        }
    }
}
