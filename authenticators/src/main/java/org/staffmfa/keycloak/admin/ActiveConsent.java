package org.staffmfa.keycloak.admin;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.staffmfa.keycloak.compat.KeycloakApi;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;

/**
 * Evergreen's active consent: an administrator removing a user's factor sends that user's password. It is checked as
 * a login would check it, so it is no password oracle: a wrong one counts in Keycloak's brute-force protection for the
 * user, and a locked-out user's password is not checked at all. Because Keycloak records failures after the response,
 * each check first takes one of a fixed number of marks per user in the cluster-wide single-use store (the realm's
 * failure factor, or 5 without brute-force protection, per the realm's longest lockout wait, default 15 minutes); a
 * check without a mark is refused unchecked, so requests sent at once get no more guesses. A right password gives its
 * mark back.
 */
final class ActiveConsent {

    private static final Logger LOG = Logger.getLogger(ActiveConsent.class);

    static final int MAX_PASSWORD_LENGTH = 1024;
    private static final int CHECKS_WITHOUT_BRUTE_FORCE_PROTECTION = 5;
    private static final long DEFAULT_WINDOW_SECONDS = 900;

    private ActiveConsent() {
    }

    static void require(KeycloakSession session, RealmModel realm, UserModel user, String password) {
        BadInput refused = new BadInput("This realm requires the user's consent: send their current password as \"userPassword\"");
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            throw refused;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (realm.isBruteForceProtected() && (protector.isPermanentlyLockedOut(session, realm, user)
            || protector.isTemporarilyDisabled(session, realm, user))) {
            throw refused;
        }
        int mark = takeCheck(session, realm, user);
        if (mark == 0) {
            throw refused;
        }
        if (user.credentialManager().isValid(UserCredentialModel.password(password))) {
            SingleUseMarks.release(session, Purpose.CONSENT_CHECK, realm, user.getId(), Integer.toString(mark));
            return;
        }
        // An audit line per password actually checked (never the password): the count an attacker cannot raise.
        LOG.infof("Staff MFA: a wrong password of user '%s' in realm '%s' was given as consent to remove a factor (from %s)",
            user.getUsername(), realm.getName(), session.getContext().getConnection().getRemoteAddr());
        if (realm.isBruteForceProtected()) {
            KeycloakApi.failedLogin(protector, realm, user, session.getContext().getConnection(),
                session.getContext().getUri(), PasswordCredentialModel.TYPE);
        }
        throw refused;
    }

    /** @return the number of the mark taken, or 0 when all are taken */
    private static int takeCheck(KeycloakSession session, RealmModel realm, UserModel user) {
        int checks = realm.isBruteForceProtected() ? Math.max(1, realm.getFailureFactor()) : CHECKS_WITHOUT_BRUTE_FORCE_PROTECTION;
        long window = realm.getMaxFailureWaitSeconds() > 0 ? realm.getMaxFailureWaitSeconds() : DEFAULT_WINDOW_SECONDS;
        for (int mark = 1; mark <= checks; mark++) {
            if (SingleUseMarks.takeFirst(session, Purpose.CONSENT_CHECK, realm, window, user.getId(), Integer.toString(mark))) {
                return mark;
            }
        }
        return 0;
    }
}
