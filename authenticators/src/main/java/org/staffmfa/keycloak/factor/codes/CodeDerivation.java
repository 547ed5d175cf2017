package org.staffmfa.keycloak.factor.codes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a random nonce into a code with a server secret: {@code HMAC-SHA256(secret, binding | nonce)} reduced to
 * N digits. The authentication session stores only the nonce, never the code or anything from which the code follows
 * without the realm's secret key; the binding (session, tab, user, purpose, target) makes a code useless anywhere else.
 */
final class CodeDerivation {

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    private CodeDerivation() {
    }

    static String code(byte[] secret, String binding, String nonce, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((binding + "|" + nonce).getBytes(StandardCharsets.UTF_8));
            long value = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong() & Long.MAX_VALUE;
            return String.format(Locale.ROOT, "%0" + digits + "d", value % POWERS_OF_TEN[digits]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
