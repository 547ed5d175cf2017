package org.staffmfa.keycloak.gate;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.mfa.MfaEventDetails;
import org.staffmfa.keycloak.mfa.MfaNotes;
import org.staffmfa.keycloak.policy.Factor;

/** Records that the user passed a factor: in the login event and in the user session (for later step-up checks). */
final class PassedFactor {

    private PassedFactor() {
    }

    static void record(AuthenticationFlowContext context, Factor factor) {
        context.getEvent().detail(MfaEventDetails.FACTOR, factor.id());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setUserSessionNote(MfaNotes.PASSED_FACTOR, factor.id());
        authSession.setUserSessionNote(MfaNotes.PASSED_AT, Long.toString(Time.currentTime()));
    }
}
