package org.staffmfa.keycloak.remember;

import java.time.Instant;
import java.util.Optional;

import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.state.UserMfaState;

/**
 * A random value per user that is part of every remember cookie's fingerprint. Replacing it voids all of the user's
 * remembered browsers at once; if it is lost, they are void too (fail-safe). Kept in the user's MFA state, where only
 * the extension writes ({@link UserMfaState}).
 */
public final class RememberSalt {

    private RememberSalt() {
    }

    /** The user's salt, created on first use. */
    static String of(UserModel user) {
        return UserMfaState.rememberSaltForNewBrowser(user);
    }

    /** The salt to check against: none yet means no browser can be remembered. */
    static String existing(UserModel user) {
        return UserMfaState.rememberSalt(user).orElse(null);
    }

    /** Forgets every browser the user asked to be remembered. */
    public static String rotate(UserModel user) {
        return UserMfaState.rotateRememberSalt(user);
    }

    /** When the user's remembered browsers were last all forgotten (or the first one was remembered). */
    public static Optional<Instant> lastReset(UserModel user) {
        return UserMfaState.rememberResetAt(user);
    }
}
