package org.staffmfa.keycloak.remember;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

/**
 * A random value per user that is part of every remember cookie's fingerprint. Replacing it voids all of the user's
 * remembered browsers at once; if it is lost, they are void too (fail-safe).
 */
public final class RememberSalt {

    static final String ATTRIBUTE = "staff-mfa.remember-salt";
    /** Epoch seconds of the last time every remembered browser was forgotten. */
    static final String RESET_AT_ATTRIBUTE = "staff-mfa.remember-reset-at";
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
        user.setSingleAttribute(RESET_AT_ATTRIBUTE, Long.toString(Time.currentTime()));
        return salt;
    }

    /** When the user's remembered browsers were last all forgotten (or the first one was remembered). */
    public static Optional<Instant> lastReset(UserModel user) {
        try {
            return Optional.ofNullable(user.getFirstAttribute(RESET_AT_ATTRIBUTE))
                .map(value -> Instant.ofEpochSecond(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
