package org.staffmfa.keycloak.remember;

import java.security.SecureRandom;
import java.util.Base64;

import org.keycloak.models.UserModel;

/**
 * A random value per user that is part of every remember cookie's fingerprint. Replacing it voids all of the user's
 * remembered browsers at once; if it is lost, they are void too (fail-safe).
 */
public final class RememberSalt {

    static final String ATTRIBUTE = "staff-mfa.remember-salt";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RememberSalt() {
    }

    /** The user's salt, created on first use. */
    static String of(UserModel user) {
        String salt = user.getFirstAttribute(ATTRIBUTE);
        return salt != null ? salt : rotate(user);
    }

    /** The salt to check against: none yet means no browser can be remembered. */
    static String existing(UserModel user) {
        return user.getFirstAttribute(ATTRIBUTE);
    }

    /** Forgets every browser the user asked to be remembered. */
    public static String rotate(UserModel user) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String salt = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        user.setSingleAttribute(ATTRIBUTE, salt);
        return salt;
    }
}
