package org.staffmfa.keycloak.admin;

import jakarta.ws.rs.ForbiddenException;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.RememberOffer;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.session.SsoSessions;

/**
 * The MFA admin API obeys its caller's own MFA policy. When the caller's groups ask them for a second factor (required
 * mode, or allowed mode with a factor set up), the session behind their token must have passed one: a password-only
 * login through an exempt client does not count, nor does a remembered browser when the token's client does not honour
 * remembered browsers. Decided by who the caller is and how their session logged in, whatever client issued the
 * token. Service accounts (client credentials, no person) are not asked.
 */
final class CallerSecondFactor {

    private static final Logger LOG = Logger.getLogger(CallerSecondFactor.class);

    private final UserPolicies policies = new UserPolicies();
    private final FactorCatalog catalog = BuiltInFactors.catalog();

    void require(KeycloakSession session, AdminAuth admin) {
        UserModel caller = admin.getUser();
        if (caller == null || caller.getServiceAccountClientLink() != null) {
            return;
        }
        RealmModel realm = admin.getRealm();
        EffectivePolicy policy = policies.forUser(session, realm, caller);
        if (policy.mode() == MfaMode.OFF || policy.mode() == MfaMode.ALLOWED && catalog.usable(policy, caller).isEmpty()) {
            return;
        }
        boolean rememberedBrowsersCount = new RememberOffer(policies.rememberFor(session, realm, policy, admin.getClient()),
            policy.recheckInterval()).available();
        if (!SsoSessions.passedFactor(sessionOf(session, realm, admin.getToken()), rememberedBrowsersCount)) {
            LOG.warnf("Staff MFA: refused an MFA admin API call by %s (realm %s, client %s): the session did not pass the "
                    + "second factor the caller's policy asks for", caller.getUsername(), realm.getName(),
                admin.getClient() == null ? "?" : admin.getClient().getClientId());
            throw new ForbiddenException("Your MFA policy asks for a second factor: sign in with it to administer MFA");
        }
    }

    private static UserSessionModel sessionOf(KeycloakSession session, RealmModel realm, AccessToken token) {
        String sessionId = token.getSessionId();
        if (sessionId == null) {
            return null;
        }
        UserSessionModel online = session.sessions().getUserSession(realm, sessionId);
        return online != null ? online : session.sessions().getOfflineUserSession(realm, sessionId);
    }
}
