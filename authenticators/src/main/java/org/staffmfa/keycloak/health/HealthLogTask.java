package org.staffmfa.keycloak.health;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
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
        session.realms().getRealmsStream().forEach(realm -> HealthLog.ifChanged(session, realm));
    }
}
