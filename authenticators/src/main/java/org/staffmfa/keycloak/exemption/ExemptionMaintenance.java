package org.staffmfa.keycloak.exemption;

import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.timer.ScheduledTask;
import org.staffmfa.keycloak.session.SuspensionSessions;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;

/**
 * Work on all stored user exemptions at once: ending the sessions of exemptions that expired (a scheduled task that
 * runs on one node of the cluster per interval) and binding exemptions that name clients by client id to those
 * clients (when a realm is created and at every start).
 */
public final class ExemptionMaintenance implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ExemptionMaintenance.class);

    private final long intervalSeconds;

    ExemptionMaintenance(long intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    /** One node per interval ends the sessions of exemptions that expired since the last time. */
    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTime();
        if (!SingleUseMarks.takeFirstInCluster(session, Purpose.SESSION_SWEEP, Math.max(1, intervalSeconds - 1),
            Long.toString(now / intervalSeconds))) {
            return;
        }
        for (ExemptionCredentialsQuery.Row row : ExemptionCredentialsQuery.all(session)) {
            withCredential(session, row, (realm, user, credential) -> endSessionsIfExpired(session, realm, user, credential, now));
        }
        // The same turn ends the sessions of suspensions of enforcement that ran out.
        session.realms().getRealmsStream().forEach(realm -> {
            try {
                SuspensionSessions.endIfRunOut(session, realm);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Staff MFA: could not end the sessions of a suspension that ran out in realm %s", realm.getId());
            }
        });
    }

    private static void endSessionsIfExpired(KeycloakSession session, RealmModel realm, UserModel user,
                                             CredentialModel credential, long now) {
        Optional<ExemptionData> data = UserExemptions.data(credential);
        if (data.isEmpty() || data.get().expires == null || data.get().expires > now || data.get().sessionsEndedAt != null) {
            return;
        }
        ExemptSessions.endFor(session, realm, user, credential.getId());
        data.get().sessionsEndedAt = now;
        credential.setCredentialData(UserExemptions.write(data.get()));
        user.credentialManager().updateStoredCredential(credential);
    }

    /** Binds the realm's exemptions that name clients only by client id (see {@link UserExemptions#bindToClients}). */
    public static void bindToClients(KeycloakSession session, RealmModel realm) {
        bind(session, realm.getId());
    }

    /** The same for every realm: at each start, for exemptions imported with separate user files or by earlier versions. */
    public static void bindToClientsInAllRealms(KeycloakSession session) {
        bind(session, null);
    }

    private static void bind(KeycloakSession session, String onlyRealmId) {
        int[] bound = {0};
        for (ExemptionCredentialsQuery.Row row : ExemptionCredentialsQuery.all(session)) {
            if (onlyRealmId == null || row.realmId().equals(onlyRealmId)) {
                withCredential(session, row, (realm, user, credential) -> {
                    if (UserExemptions.bindToClients(realm, user, credential)) {
                        bound[0]++;
                    }
                });
            }
        }
        if (bound[0] > 0) {
            LOG.infof("Staff MFA: %d user exemption(s) bound to their clients' internal ids", bound[0]);
        }
    }

    private interface CredentialWork {
        void apply(RealmModel realm, UserModel user, CredentialModel credential);
    }

    private static void withCredential(KeycloakSession session, ExemptionCredentialsQuery.Row row, CredentialWork work) {
        RealmModel realm = session.realms().getRealm(row.realmId());
        if (realm == null) {
            return;
        }
        // Scheduled tasks and start-up jobs run outside any request: user lookups need the realm in the context.
        RealmModel before = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            UserModel user = session.users().getUserById(realm, row.userId());
            CredentialModel credential = user == null ? null : user.credentialManager().getStoredCredentialById(row.credentialId());
            if (credential != null) {
                work.apply(realm, user, credential);
            }
        } finally {
            session.getContext().setRealm(before);
        }
    }
}
