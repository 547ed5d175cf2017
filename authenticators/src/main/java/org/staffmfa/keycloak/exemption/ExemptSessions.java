package org.staffmfa.keycloak.exemption;

import java.util.function.Predicate;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * What an exemption let in ends with the exemption. A login let through by an exemption records which one in its user
 * session ({@link MfaNotes#exemption}); when the exemption is revoked, deleted or expires, those SSO sessions and
 * offline sessions of the user end, unless a second factor was really verified in them since. For a client exemption, every token issued to
 * the client before the revocation stops working (Keycloak's per-client "not before"), so its sessions have to log in
 * again, now with the second factor.
 */
public final class ExemptSessions {

    private static final Logger LOG = Logger.getLogger(ExemptSessions.class);

    private ExemptSessions() {
    }

    static String userSource(String exemptionId) {
        return "user:" + exemptionId;
    }

    static String clientSource(ClientModel client) {
        return "client:" + client.getId();
    }

    /** Ends the user's online and offline sessions that this exemption let in without a second factor. */
    public static int endFor(KeycloakSession session, RealmModel realm, UserModel user, String exemptionId) {
        Predicate<UserSessionModel> letInByIt = userSession ->
            userSession.getNote(MfaNotes.exemption(userSource(exemptionId))) != null
                && userSession.getNote(MfaNotes.VERIFIED_AT) == null;
        int ended = 0;
        for (UserSessionModel online : session.sessions().getUserSessionsStream(realm, user).filter(letInByIt).toList()) {
            session.sessions().removeUserSession(realm, online);
            ended++;
        }
        for (UserSessionModel offline : session.sessions().getOfflineUserSessionsStream(realm, user).filter(letInByIt).toList()) {
            session.sessions().removeOfflineUserSession(realm, offline);
            ended++;
        }
        if (ended > 0) {
            LOG.infof("Staff MFA: ended %d session(s) of user %s in realm %s that exemption %s let in without a second "
                + "factor", ended, user.getUsername(), realm.getName(), exemptionId);
        }
        return ended;
    }

    /** Voids every token the client holds: the next request of each of its sessions must log in again. */
    public static void endForClient(RealmModel realm, ClientModel client) {
        client.setNotBefore(Time.currentTime() + 1);
        LOG.infof("Staff MFA: tokens of client %s in realm %s issued before now are void (its exemption was revoked)",
            client.getClientId(), realm.getName());
    }
}
