package org.staffmfa.keycloak.otp;

import java.security.SecureRandom;

import org.keycloak.models.utils.Base32;

/** A new shared secret for an authenticator app, shown to the user in base32. */
public final class OtpSecret {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 64;
    public static final int DEFAULT_LENGTH = 20;

    private OtpSecret() {
    }

    /** @return {@code length} random bytes, base32-encoded without padding */
    public static String generateBase32(SecureRandom random, int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("secret length must be " + MIN_LENGTH + " to " + MAX_LENGTH + " bytes");
        }
        byte[] secret = new byte[length];
        random.nextBytes(secret);
        return Base32.encode(secret).replace("=", "");
    }

    /** Groups of four characters, as users type it into an app: {@code ABCD EFGH ...}. */
    public static String grouped(String base32) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < base32.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(base32, i, Math.min(i + 4, base32.length()));
        }
        return grouped.toString();
    }
}
