package org.staffmfa.keycloak.health;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;

/**
 * Every few minutes one node of the cluster checks the set-up of each realm and logs its findings when they changed
 * ({@link HealthLog#ifChanged}): a hole made through the console, a partial import or a REST call shows in the log
 * without anyone asking.
 */
public final class HealthLogTask implements ScheduledTask {

    public static final String TASK_NAME = "staff-mfa-health-log";
    private static final Logger LOG = Logger.getLogger(HealthLogTask.class);

    private final long intervalSeconds;

    public HealthLogTask(long intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void run(KeycloakSession session) {
        if (!SingleUseMarks.takeFirstInCluster(session, Purpose.HEALTH_TURN, Math.max(1, intervalSeconds - 1),
            Long.toString(Time.currentTime() / intervalSeconds))) {
            return;
        }
        // Each realm in a transaction of its own: a realm that fails (or is deleted meanwhile) spoils no other's check.
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), realmSession -> {
                    RealmModel realm = realmSession.realms().getRealm(realmId);
                    if (realm != null) {
                        HealthLog.ifChanged(realmSession, realm);
                    }
                });
            } catch (RuntimeException e) {
                LOG.debugf(e, "Staff MFA set-up check of realm %s failed", realmId);
            }
        }
    }
}
