package dev.orderflow.dispatch.dispatches;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import dev.orderflow.platform.security.Sha256;

/**
 * Delivery OTPs: 6 random digits, stored only as {@code salt:sha256(salt+code)}. Guessing is
 * bounded by the failure limit (5), not by hash cost, so a fast hash is enough.
 */
public final class Otp {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Otp() {
    }

    public static String newCode() {
        return "%06d".formatted(RANDOM.nextInt(1_000_000));
    }

    public static String hash(String code) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HEX.formatHex(salt);
        return saltHex + ":" + digest(saltHex, code);
    }

    public static boolean matches(String code, String stored) {
        if (code == null || stored == null) {
            return false;
        }
        int colon = stored.indexOf(':');
        String expected = stored.substring(colon + 1);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                digest(stored.substring(0, colon), code).getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(String salt, String code) {
        return Sha256.hex(salt + code);
    }
}
