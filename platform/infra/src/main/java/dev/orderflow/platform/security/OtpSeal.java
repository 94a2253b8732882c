package dev.orderflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The delivery OTP as it travels and rests outside dispatch-service: AES-256-GCM under a key only
 * dispatch-service (which seals) and order-service (which opens it for the customer's own view)
 * hold ({@code orderflow.otp.sealing-key}), bound to its dispatch id. Kafka, its dead-letter
 * copies, the realtime gateway and order-service's table see only {@code v1.<base64url>}.
 */
public final class OtpSeal {

    private static final String PREFIX = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param sealingKey any secret text; its SHA-256 is the AES key (use 32+ random bytes, base64) */
    public OtpSeal(String sealingKey) {
        if (sealingKey == null || sealingKey.length() < 32) {
            throw new IllegalStateException("orderflow.otp.sealing-key must be at least 32 characters");
        }
        try {
            key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(sealingKey.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String otp, String dispatchId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, dispatchId);
            byte[] sealed = cipher.doFinal(otp.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal the OTP", e);
        }
    }

    /** The OTP, or null when {@code sealed} is not one of ours for this dispatch (wrong key, tampered, another dispatch). */
    public String open(String sealed, String dispatchId) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return null;
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            if (in.length <= IV_BYTES) {
                return null;
            }
            byte[] iv = java.util.Arrays.copyOf(in, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv, dispatchId);
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private Cipher cipher(int mode, byte[] iv, String dispatchId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(dispatchId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
