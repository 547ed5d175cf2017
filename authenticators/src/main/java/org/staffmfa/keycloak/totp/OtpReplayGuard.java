package org.staffmfa.keycloak.totp;

import org.keycloak.models.KeycloakSession;

/**
 * Makes each code usable once, cluster-wide and race-free, through Keycloak's single-use object store. TOTP keys use
 * the same form as Keycloak's own OTP validation ({@code <credentialId>.<code>}), so a code accepted by either is
 * refused by the other.
 */
public final class OtpReplayGuard {

    /** HOTP counters also advance in the database; this key only closes the window between two concurrent checks. */
    private static final long HOTP_RACE_WINDOW_SECONDS = 3600;

    private OtpReplayGuard() {
    }

    /** @return true the first time, false for every later use of the same code while it could still be valid */
    public static boolean firstUseOfTotp(KeycloakSession session, String credentialId, String code, int periodSeconds,
                                         int lookAround) {
        long lifespan = (long) periodSeconds * (2L * lookAround + 1);
        return session.singleUseObjects().putIfAbsent(credentialId + "." + code, lifespan);
    }

    public static boolean firstUseOfHotp(KeycloakSession session, String credentialId, long counter) {
        return session.singleUseObjects().putIfAbsent(credentialId + ".hotp." + counter, HOTP_RACE_WINDOW_SECONDS);
    }
}
