package org.staffmfa.keycloak.health;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.singleuse.EachRealmOnOneNode;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;

/**
 * Every few minutes one node of the cluster checks the set-up of each realm and logs its findings when they changed
 * ({@link HealthLog#ifChanged}): a hole made through the console, a partial import or a REST call shows in the log
 * without anyone asking.
 */
public final class HealthLogTask extends EachRealmOnOneNode {

    public static final String TASK_NAME = "staff-mfa-health-log";

    public HealthLogTask(long intervalSeconds) {
        super(intervalSeconds, Purpose.HEALTH_TURN);
    }

    @Override
    protected void forRealm(KeycloakSession session, RealmModel realm) {
        HealthLog.ifChanged(session, realm);
    }
}
