package org.staffmfa.keycloak.it.support;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes codes as an authenticator app does (RFC 6238 over RFC 4226), written independently of the product's own
 * implementation so that tests check Keycloak against a second opinion.
 */
public final class TotpGenerator {

    private final byte[] key;
    private final String hmacAlgorithm;
    private final int digits;
    private final int periodSeconds;

    public TotpGenerator(byte[] key, String hmacAlgorithm, int digits, int periodSeconds) {
        this.key = key.clone();
        this.hmacAlgorithm = hmacAlgorithm;
        this.digits = digits;
        this.periodSeconds = periodSeconds;
    }

    /** SHA-1, 6 digits, 30 s: what Google Authenticator does with a base32 secret. */
    public static TotpGenerator googleAuthenticator(String base32Secret) {
        return new TotpGenerator(base32Decode(base32Secret), "HmacSHA1", 6, 30);
    }

    /** A fresh random 20-byte secret in base32, as an enrolment page would show it. */
    public static String randomBase32Secret() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return secret.toString();
    }

    public String codeAt(Instant time) {
        return hotp(Math.floorDiv(time.getEpochSecond(), periodSeconds));
    }

    public String now() {
        return codeAt(Instant.now());
    }

    /** The code {@code steps} periods away from now (negative: in the past). */
    public String stepsFromNow(int steps) {
        return codeAt(Instant.now().plusSeconds((long) steps * periodSeconds));
    }

    public String hotp(long counter) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] base32Decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = base32.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
