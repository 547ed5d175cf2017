package org.staffmfa.keycloak.factor.recovery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.factor.EnrolmentPage;
import org.staffmfa.keycloak.factor.EnrolmentStep;
import org.staffmfa.keycloak.factor.recovery.RecoveryCodes;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * Hands out a set of recovery codes: shown once (kept in the authentication session until then, never sent back by
 * the browser), stored hashed by Keycloak once the user confirms they saved them. A new set replaces the old one.
 */
public final class RecoveryCodesEnrolmentStep implements EnrolmentStep {

    static final String LABEL = "Recovery codes";

    @Override
    public Factor factor() {
        return Factor.RECOVERY_CODES;
    }

    @Override
    public void show(RequiredActionContext context, EnrolmentPage view) {
        page(context, view, null);
    }

    @Override
    public boolean confirm(RequiredActionContext context, EnrolmentPage view) {
        if (!"on".equals(context.getHttpRequest().getDecodedFormParameters().getFirst(StaffMfaPages.FIELD_CODES_SAVED))) {
            page(context, view, new FormMessage(StaffMfaPages.FIELD_CODES_SAVED, StaffMfaPages.CONFIRM_CODES_SAVED_MESSAGE));
            return false;
        }
        CredentialModel credential = RecoveryCodes.store(context.getSession(), context.getRealm(), context.getUser(),
            codes(context), LABEL);
        context.getAuthenticationSession().removeAuthNote(MfaNotes.ENROLMENT_RECOVERY_CODES);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL)
            .detail(Details.CREDENTIAL_TYPE, RecoveryCodes.CREDENTIAL_TYPE)
            .detail(Details.CREDENTIAL_ID, credential.getId())
            .success();
        return true;
    }

    private static void page(RequiredActionContext context, EnrolmentPage view, FormMessage message) {
        List<String> shown = codes(context).stream().map(RecoveryCodes::formatted).toList();
        context.challenge(view.step(context, StaffMfaPages.RECOVERY_CODES_TEMPLATE, Map.of("recoveryCodes", shown),
            message));
    }

    /** One set per enrolment attempt: made on first display, kept until confirmed. */
    private static List<String> codes(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String kept = authSession.getAuthNote(MfaNotes.ENROLMENT_RECOVERY_CODES);
        if (kept != null) {
            return Arrays.asList(kept.split(","));
        }
        List<String> codes = RecoveryCodes.generate();
        authSession.setAuthNote(MfaNotes.ENROLMENT_RECOVERY_CODES, String.join(",", codes));
        return codes;
    }
}
