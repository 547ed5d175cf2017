package org.staffmfa.keycloak.factor.webauthn;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.FlowStatus;
import org.keycloak.authentication.authenticators.browser.WebAuthnAuthenticator;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.utils.StringUtil;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.factor.BruteForceLockout;
import org.staffmfa.keycloak.factor.FactorChallenge;
import org.staffmfa.keycloak.factor.FactorPage;
import org.staffmfa.keycloak.factor.webauthn.WebAuthnForm;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;

/**
 * A security key or platform authenticator (WebAuthn). The ceremony is Keycloak's: its authenticator issues the
 * challenge (one per page, kept in the authentication session and spent on the first answer), reads the realm's
 * WebAuthn policy (relying party, user verification, timeout) and verifies the assertion with webauthn4j against the
 * user's registered keys. This class puts it on the Staff MFA page and makes every failure behave like a wrong code:
 * one message, counted by brute-force protection, the login kept with a fresh challenge.
 */
public final class WebAuthnChallenge implements FactorChallenge {

    private static final Logger LOG = Logger.getLogger(WebAuthnChallenge.class);

    @Override
    public Factor factor() {
        return Factor.WEBAUTHN;
    }

    @Override
    public String credentialType() {
        return WebAuthnCredentialModel.TYPE_TWOFACTOR;
    }

    @Override
    public void show(AuthenticationFlowContext context, FactorPage view) {
        context.challenge(page(context, view, null));
    }

    @Override
    public boolean verify(AuthenticationFlowContext context, FactorPage view) {
        UserModel user = context.getUser();
        if (BruteForceLockout.refuses(context, () -> page(context, view, StaffMfaPages.KEY_REJECTED_MESSAGE))) {
            return false;
        }
        String browserError = context.getHttpRequest().getDecodedFormParameters().getFirst(WebAuthnConstants.ERROR);
        if (StringUtil.isNotBlank(browserError)) {
            // Cancelled, timed out or unsupported: no key answered, so there is nothing to count as a guess.
            context.getEvent().user(user).detail(MfaEventDetails.FAILURE, MfaEventDetails.FAILURE_KEY_NOT_USED)
                .error("mfa_security_key_not_used");
            context.challenge(page(context, view, StaffMfaPages.KEY_NOT_USED_MESSAGE));
            return false;
        }
        PolicyPageWebAuthn keycloak = new PolicyPageWebAuthn(context.getSession(), this, view);
        if (!WebAuthnForm.presentFieldsWellFormed(context.getHttpRequest().getDecodedFormParameters(),
            WebAuthnForm.ASSERTION_FIELDS)) {
            keycloak.setErrorResponse(context, "malformed-answer", null);
            return false;
        }
        keycloak.action(context);
        return context.getStatus() == FlowStatus.SUCCESS;
    }

    /** The factor page with a fresh challenge and the user's keys, optionally with a message. */
    Response page(AuthenticationFlowContext context, FactorPage view, String errorKey) {
        LoginFormsProvider form = view.form(context, Map.of());
        // Adds the challenge, relying party id, user verification, timeout and the user's keys to the same form.
        new WebAuthnAuthenticator(context.getSession()).fillContextForm(context);
        if (errorKey != null) {
            form.setError(errorKey);
        }
        return form.createForm(StaffMfaPages.WEBAUTHN_TEMPLATE);
    }

    /**
     * Keycloak's WebAuthn authenticator with its failure handling replaced: Keycloak ends the step on an error page;
     * here the user stays on the factor page, the attempt is counted, and the event says only that the key was
     * rejected (the reason goes to the debug log).
     */
    private static final class PolicyPageWebAuthn extends WebAuthnAuthenticator {

        private final WebAuthnChallenge challenge;
        private final FactorPage view;

        PolicyPageWebAuthn(org.keycloak.models.KeycloakSession session, WebAuthnChallenge challenge, FactorPage view) {
            super(session);
            this.challenge = challenge;
            this.view = view;
        }

        @Override
        protected void setErrorResponse(AuthenticationFlowContext context, String errorCase, String errorMessage) {
            LOG.debugf("Staff MFA: security key of user %s rejected: %s %s", context.getUser().getUsername(), errorCase,
                errorMessage == null ? "" : errorMessage);
            context.getEvent().user(context.getUser())
                .detail(MfaEventDetails.FAILURE, MfaEventDetails.FAILURE_KEY_REJECTED)
                .error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                challenge.page(context, view, StaffMfaPages.KEY_REJECTED_MESSAGE));
        }
    }
}
