package org.staffmfa.keycloak.enrolment;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.session.MfaNotes;

/** Hands a login over to the Staff MFA enrolment required action, which runs once the flow has finished. */
public final class EnrolmentStart {

    private EnrolmentStart() {
    }

    /** Keycloak silently skips a required action that is not registered and enabled in the realm. */
    public static boolean actionEnabled(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(StaffMfaIds.ENROL_ACTION);
        return action != null && action.isEnabled();
    }

    /** @param reason one of {@code required}, {@code offered}, {@link MfaNotes#ENROLMENT_AFTER_RECOVERY_CODE} */
    public static void start(AuthenticationSessionModel authSession, String reason) {
        authSession.setAuthNote(MfaNotes.ENROLMENT_REASON, reason);
        authSession.addRequiredAction(StaffMfaIds.ENROL_ACTION);
    }
}
