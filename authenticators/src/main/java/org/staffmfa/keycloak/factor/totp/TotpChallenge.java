package org.staffmfa.keycloak.factor.totp;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.factor.BruteForceLockout;
import org.staffmfa.keycloak.factor.FactorChallenge;
import org.staffmfa.keycloak.factor.FactorPage;
import org.staffmfa.keycloak.factor.totp.OtpCredentialVerifier;
import org.staffmfa.keycloak.factor.totp.OtpVerification;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Asks for a code from the user's authenticator app. Wrong, reused and malformed codes get one message, count in
 * Keycloak's brute-force protection (the gate's reference category is {@code otp}) and keep the login; while the
 * user is locked out even a right code is refused with the same message.
 */
public final class TotpChallenge implements FactorChallenge {

    private final OtpCredentialVerifier verifier = new OtpCredentialVerifier();

    @Override
    public Factor factor() {
        return Factor.TOTP;
    }

    @Override
    public String credentialType() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public void show(AuthenticationFlowContext context, FactorPage view) {
        context.challenge(view.page(context, StaffMfaPages.CODE_TEMPLATE));
    }

    @Override
    public boolean verify(AuthenticationFlowContext context, FactorPage view) {
        UserModel user = context.getUser();
        if (BruteForceLockout.refuses(context, () -> invalidCodePage(context, view))) {
            return false;
        }
        String code = context.getHttpRequest().getDecodedFormParameters().getFirst(StaffMfaPages.FIELD_CODE);
        OtpVerification result = verifier.verify(context.getSession(), context.getRealm(), user, code);
        if (result.isValid()) {
            result.credentialId().ifPresent(id -> AppReplacement.codePassed(context.getSession(), id));
            return true;
        }
        if (result.outcome() == OtpVerification.Outcome.UNREADABLE) {
            // Fails closed and still counts as a failed attempt (it may be a wrong code for another app).
            context.getEvent().user(user).detail(MfaEventDetails.FAILURE, MfaEventDetails.FAILURE_SECRET_UNREADABLE)
                .detail(MfaEventDetails.SECRET_KEY_ID, result.missingKey().orElse("?"))
                .error("mfa_secret_unreadable");
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, view.pageWithError(context,
                StaffMfaPages.CODE_TEMPLATE, StaffMfaPages.FIELD_CODE, StaffMfaPages.SECRET_UNREADABLE_MESSAGE));
            return false;
        }
        context.getEvent().user(user)
            .detail(MfaEventDetails.FAILURE, result.outcome() == OtpVerification.Outcome.REUSED
                ? MfaEventDetails.FAILURE_REUSED_CODE : MfaEventDetails.FAILURE_WRONG_CODE)
            .error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, invalidCodePage(context, view));
        return false;
    }

    private static jakarta.ws.rs.core.Response invalidCodePage(AuthenticationFlowContext context, FactorPage view) {
        return view.pageWithError(context, StaffMfaPages.CODE_TEMPLATE, StaffMfaPages.FIELD_CODE,
            StaffMfaPages.INVALID_CODE_MESSAGE);
    }
}
