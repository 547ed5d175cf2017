package org.staffmfa.keycloak.session;

import java.util.OptionalLong;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.staffmfa.keycloak.compat.KeycloakApi;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.policy.Factor;

/** What the browser's existing Keycloak (SSO) session, or any user session, says about MFA. */
public final class SsoSessions {

    private SsoSessions() {
    }

    /**
     * True when the browser's valid SSO session belongs to this user and passed a second factor, or a remembered
     * browser stood in for one and remembered browsers count for the client at hand. Sessions from exempt clients, mode
     * off or skipped enrolment do not count.
     *
     * @param rememberedBrowsersCount whether the client honours remembered browsers (its and the user's setting allow
     *                                them, and the recheck interval is not 0)
     */
    public static boolean passedFactor(KeycloakSession session, RealmModel realm, UserModel user,
                                       boolean rememberedBrowsersCount) {
        return passedFactor(of(session, realm, user), rememberedBrowsersCount);
    }

    /** The same judgement for any user session (e.g. the one behind an API caller's token). */
    public static boolean passedFactor(UserSessionModel userSession, boolean rememberedBrowsersCount) {
        if (userSession == null || userSession.getNote(MfaNotes.PASSED_FACTOR) == null) {
            return false;
        }
        // A factor switched off realm-wide (its service compromised) no longer vouches for the sessions it let in.
        if (Factor.fromId(userSession.getNote(MfaNotes.PASSED_FACTOR))
            .filter(EmergencySwitches.disabledFactors(userSession.getRealm())::contains).isPresent()) {
            return false;
        }
        // A factor really verified in the session always sets VERIFIED_AT; a remembered browser never does. (Not the
        // skip reason: a later exempt login in the same SSO session overwrites it.)
        boolean onlyThroughRememberedBrowser = userSession.getNote(MfaNotes.VERIFIED_AT) == null;
        return rememberedBrowsersCount || !onlyThroughRememberedBrowser;
    }

    /** When the browser's SSO session of this user last really verified a second factor (epoch seconds). */
    public static OptionalLong verifiedAt(KeycloakSession session, RealmModel realm, UserModel user) {
        return FactorChanges.verifiedAt(of(session, realm, user));
    }

    private static UserSessionModel of(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationManager.AuthResult sso = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        UserModel ssoUser = sso == null ? null : KeycloakApi.user(sso);
        if (ssoUser == null || !ssoUser.getId().equals(user.getId())) {
            return null;
        }
        return KeycloakApi.session(sso);
    }
}
