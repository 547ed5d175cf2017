package org.staffmfa.keycloak.otp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

/** HOTP (RFC 4226): the code for a counter value. TOTP (RFC 6238) is HOTP over the time step. */
public final class Hotp {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Hotp() {
    }

    /**
     * @param digits 6 to 8
     * @return the code, left-padded with zeros to {@code digits}
     */
    public static String code(byte[] key, long counter, OtpAlgorithm algorithm, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6, 7 or 8");
        }
        byte[] hash = hmac(key, ByteBuffer.allocate(Long.BYTES).putLong(counter).array(), algorithm);
        int offset = hash[hash.length - 1] & 0x0f;
        int truncated = ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
        StringBuilder code = new StringBuilder(Integer.toString(truncated % POWERS_OF_TEN[digits]));
        while (code.length() < digits) {
            code.insert(0, '0');
        }
        return code.toString();
    }

    /** Compares in time independent of where the codes differ. */
    public static boolean sameCode(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] message, OtpAlgorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.javaName());
            mac.init(new SecretKeySpec(key, algorithm.javaName()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC " + algorithm.javaName() + " is not available", e);
        }
    }
}
