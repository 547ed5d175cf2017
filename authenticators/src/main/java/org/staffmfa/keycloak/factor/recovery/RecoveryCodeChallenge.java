package org.staffmfa.keycloak.factor.recovery;

import java.util.Map;
import java.util.OptionalInt;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.staffmfa.keycloak.enrolment.EnrolmentStart;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.factor.BruteForceLockout;
import org.staffmfa.keycloak.factor.FactorChallenge;
import org.staffmfa.keycloak.factor.FactorPage;
import org.staffmfa.keycloak.factor.recovery.RecoveryCodes;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * One of the user's saved recovery codes, asked for by its number on the list. Each code works once; wrong, used and
 * malformed codes get one message and count in brute-force protection. After a login with a code the user is told
 * how many are left and offered a new factor (the enrolment action, which may be skipped). A recovery code never
 * remembers the browser: it is a way back in, not a way to stay in.
 */
public final class RecoveryCodeChallenge implements FactorChallenge {

    @Override
    public Factor factor() {
        return Factor.RECOVERY_CODES;
    }

    @Override
    public String credentialType() {
        return RecoveryCodes.CREDENTIAL_TYPE;
    }

    @Override
    public boolean mayRememberBrowser() {
        return false;
    }

    @Override
    public void show(AuthenticationFlowContext context, FactorPage view) {
        context.challenge(page(context, view, null));
    }

    @Override
    public boolean verify(AuthenticationFlowContext context, FactorPage view) {
        UserModel user = context.getUser();
        if (BruteForceLockout.refuses(context, () -> page(context, view, StaffMfaPages.INVALID_RECOVERY_CODE_MESSAGE))) {
            return false;
        }
        String input = context.getHttpRequest().getDecodedFormParameters().getFirst(StaffMfaPages.FIELD_CODE);
        OptionalInt left = RecoveryCodes.use(context.getSession(), context.getRealm(), user, input);
        if (left.isPresent()) {
            context.getAuthenticationSession().setAuthNote(MfaNotes.RECOVERY_CODES_LEFT, Integer.toString(left.getAsInt()));
            context.getEvent().detail(MfaEventDetails.RECOVERY_CODES_LEFT, Integer.toString(left.getAsInt()));
            return true;
        }
        context.getEvent().user(user).detail(MfaEventDetails.FAILURE, MfaEventDetails.FAILURE_WRONG_CODE)
            .error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
            page(context, view, StaffMfaPages.INVALID_RECOVERY_CODE_MESSAGE));
        return false;
    }

    /** Tells the user how many codes are left and suggests a new factor, unless enrolment is switched off. */
    @Override
    public void afterPassed(AuthenticationFlowContext context) {
        if (EnrolmentStart.actionEnabled(context.getRealm())) {
            EnrolmentStart.start(context.getAuthenticationSession(), MfaNotes.ENROLMENT_AFTER_RECOVERY_CODE);
        }
    }

    private static Response page(AuthenticationFlowContext context, FactorPage view, String errorKey) {
        OptionalInt number = RecoveryCodes.nextNumber(context.getUser());
        var form = view.form(context, Map.of("recoveryCodeNumber", number.isPresent() ? number.getAsInt() : 0));
        if (errorKey != null) {
            form.addError(new FormMessage(StaffMfaPages.FIELD_CODE, errorKey));
        }
        return form.createForm(StaffMfaPages.CODE_TEMPLATE);
    }
}
