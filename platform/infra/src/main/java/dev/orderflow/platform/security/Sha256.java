package dev.orderflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every JVM has (so its absence is a broken JVM, not a case to handle). */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] digest(String value) {
        return digest(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] value) {
        return HexFormat.of().formatHex(digest(value));
    }

    public static String hex(String value) {
        return hex(value.getBytes(StandardCharsets.UTF_8));
    }
}
