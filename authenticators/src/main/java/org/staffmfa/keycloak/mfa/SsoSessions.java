package org.staffmfa.keycloak.mfa;

import java.util.OptionalLong;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/** What the browser's existing Keycloak (SSO) session says about MFA. */
public final class SsoSessions {

    private SsoSessions() {
    }

    /**
     * True when the browser's valid SSO session belongs to this user and passed a second factor (or a remembered
     * browser stood in for one). Sessions from exempt clients, mode off or skipped enrolment do not count.
     */
    public static boolean passedFactor(KeycloakSession session, RealmModel realm, UserModel user) {
        UserSessionModel userSession = of(session, realm, user);
        return userSession != null && userSession.getNote(MfaNotes.PASSED_FACTOR) != null;
    }

    /** When the browser's SSO session of this user last really verified a second factor (epoch seconds). */
    public static OptionalLong verifiedAt(KeycloakSession session, RealmModel realm, UserModel user) {
        return FactorChanges.verifiedAt(of(session, realm, user));
    }

    private static UserSessionModel of(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationManager.AuthResult sso = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (sso == null || sso.user() == null || !sso.user().getId().equals(user.getId())) {
            return null;
        }
        return sso.session();
    }
}
