package org.staffmfa.keycloak.reminder;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.singleuse.EachRealmOnOneNode;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;

/**
 * Every interval one node of the cluster sends the reminder mails that are due ({@link EnrolmentReminders}); the mails
 * go out after the realm's transaction has recorded them.
 */
public final class EnrolmentReminderTask extends EachRealmOnOneNode {

    public static final String TASK_NAME = "staff-mfa-enrolment-reminders";
    private static final Logger LOG = Logger.getLogger(EnrolmentReminderTask.class);

    public EnrolmentReminderTask(long intervalSeconds) {
        super(intervalSeconds, Purpose.REMINDER_TURN);
    }

    @Override
    protected void forRealm(KeycloakSession session, RealmModel realm) {
        int sent = new EnrolmentReminders().sendDue(session, realm);
        if (sent > 0) {
            LOG.infof("Staff MFA: %d enrolment reminder(s) sent in realm %s", sent, realm.getId());
        }
    }
}
