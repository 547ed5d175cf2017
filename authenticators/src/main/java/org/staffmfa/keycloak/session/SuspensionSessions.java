package org.staffmfa.keycloak.session;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.events.LogText;

/**
 * A suspension of enforcement ends for the sessions it let in too: every user session (online or offline, with its
 * refresh tokens) that a login passed with the password alone during the suspension is ended when the suspension is
 * ended or runs out — unless a factor was verified in it since. Otherwise a password-only session, or an offline token
 * taken during an outage, would outlive the outage by weeks.
 */
public final class SuspensionSessions {

    private static final Logger LOG = Logger.getLogger(SuspensionSessions.class);

    private SuspensionSessions() {
    }

    /** Ends the sessions; returns how many. */
    public static int end(KeycloakSession session, RealmModel realm) {
        Predicate<UserSessionModel> letInByIt = userSession -> userSession.getNote(MfaNotes.LET_IN_BY_SUSPENSION) != null
            && userSession.getNote(MfaNotes.VERIFIED_AT) == null;
        Set<String> online = new HashSet<>();
        Set<String> offline = new HashSet<>();
        // Offline sessions are removed through the session's realm, which a background job has not set.
        RealmModel before = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            realm.getClientsStream().toList().forEach(client -> {
            session.sessions().getUserSessionsStream(realm, client).filter(letInByIt)
                .filter(userSession -> online.add(userSession.getId())).toList()
                .forEach(userSession -> session.sessions().removeUserSession(realm, userSession));
            session.sessions().getOfflineUserSessionsStream(realm, client, null, null).filter(letInByIt)
                .filter(userSession -> offline.add(userSession.getId())).toList()
                .forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
            });
        } finally {
            session.getContext().setRealm(before);
        }
        int ended = online.size() + offline.size();
        LOG.infof("Staff MFA: the suspension of enforcement in realm '%s' is over; %d session(s) it let in ended",
            LogText.oneLine(realm.getName()), ended);
        return ended;
    }

    /**
     * Called regularly on one node: a suspension that ran out is cleared and its sessions ended (once: clearing the
     * stored suspension is what marks it done).
     */
    public static void endIfRunOut(KeycloakSession session, RealmModel realm) {
        if (EmergencySwitches.runOut(realm)) {
            end(session, realm);
            EmergencySwitches.endSuspension(realm);
        }
    }
}
