package org.staffmfa.keycloak.factor.totp;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;

/**
 * Makes each code usable once, cluster-wide and race-free, through Keycloak's single-use object store (in the
 * extension's own namespace, {@link SingleUseMarks}). Every path that checks app codes for a user — the browser gate,
 * the password-grant gate, enrolment — goes through here, so a code accepted by one is refused by the others.
 */
public final class OtpReplayGuard {

    /**
     * HOTP counters advance in the database; a counter mark only has to outlive the requests that may have read the
     * counter before the acceptance was committed (see {@link OtpCredentialVerifier}).
     */
    private static final long HOTP_RACE_WINDOW_SECONDS = 300;
    /** Longer than any request: a crashed node's check must not block the token for long. */
    private static final long HOTP_CHECK_SECONDS = 30;

    private OtpReplayGuard() {
    }

    /** @return true the first time, false for every later use of the same code while it could still be valid */
    public static boolean firstUseOfTotp(KeycloakSession session, RealmModel realm, String credentialId, String code,
                                         int periodSeconds, int lookAround) {
        long lifespan = (long) periodSeconds * (2L * lookAround + 1);
        return SingleUseMarks.takeFirst(session, Purpose.OTP_CODE, realm, lifespan, credentialId, code);
    }

    public static boolean firstUseOfHotp(KeycloakSession session, RealmModel realm, String credentialId, long counter) {
        return SingleUseMarks.takeFirst(session, Purpose.HOTP_COUNTER, realm, HOTP_RACE_WINDOW_SECONDS, credentialId,
            Long.toString(counter));
    }

    /**
     * Starts the only HOTP check of this credential in the cluster, until {@link #endHotpCheck}: a second check at the
     * same moment gets false and must refuse its code, rather than race the first one on the stored counter.
     */
    public static boolean startHotpCheck(KeycloakSession session, RealmModel realm, String credentialId) {
        return SingleUseMarks.takeFirst(session, Purpose.HOTP_CHECK, realm, HOTP_CHECK_SECONDS, credentialId);
    }

    public static void endHotpCheck(KeycloakSession session, RealmModel realm, String credentialId) {
        SingleUseMarks.release(session, Purpose.HOTP_CHECK, realm, credentialId);
    }

    /** Forgets an accepted counter whose acceptance was rolled back (the database counter did not move). */
    public static void forgetHotpCounter(KeycloakSession session, RealmModel realm, String credentialId, long counter) {
        SingleUseMarks.release(session, Purpose.HOTP_COUNTER, realm, credentialId, Long.toString(counter));
    }

    /** Whether a counter value of this credential was accepted recently (by a check that may not have committed). */
    public static boolean hotpCounterUsed(KeycloakSession session, RealmModel realm, String credentialId, long counter) {
        return SingleUseMarks.isTaken(session, Purpose.HOTP_COUNTER, realm, credentialId, Long.toString(counter));
    }
}
