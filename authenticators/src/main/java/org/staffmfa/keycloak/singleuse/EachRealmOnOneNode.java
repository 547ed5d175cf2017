package org.staffmfa.keycloak.singleuse;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;

/**
 * A scheduled task that, every interval, runs on one node of the cluster only (the first to take the interval's
 * turn) and does its work for each realm in a transaction of its own, so that a realm that fails (or is deleted
 * meanwhile) spoils no other's.
 */
public abstract class EachRealmOnOneNode implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(EachRealmOnOneNode.class);

    private final long intervalSeconds;
    private final Purpose turn;

    protected EachRealmOnOneNode(long intervalSeconds, Purpose turn) {
        this.intervalSeconds = intervalSeconds;
        this.turn = turn;
    }

    /** The work for one realm, in its own transaction; the session's realm is set. */
    protected abstract void forRealm(KeycloakSession session, RealmModel realm);

    @Override
    public final void run(KeycloakSession session) {
        if (!SingleUseMarks.takeFirstInCluster(session, turn, Math.max(1, intervalSeconds - 1),
            Long.toString(Time.currentTime() / intervalSeconds))) {
            return;
        }
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), realmSession -> {
                    RealmModel realm = realmSession.realms().getRealm(realmId);
                    if (realm != null) {
                        realmSession.getContext().setRealm(realm);
                        forRealm(realmSession, realm);
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "Staff MFA: %s failed for realm %s", getTaskName(), realmId);
            }
        }
    }
}
