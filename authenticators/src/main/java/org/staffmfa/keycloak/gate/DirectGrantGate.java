package org.staffmfa.keycloak.gate;

import java.util.EnumSet;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factor.totp.OtpCredentialVerifier;
import org.staffmfa.keycloak.factor.totp.OtpVerification;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.decision.FlowKind;
import org.staffmfa.keycloak.policy.decision.GateDecision;
import org.staffmfa.keycloak.policy.decision.GateOutcome;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/**
 * The group policy for the password grant (scripts, SIP2 gateways): after the password, a user who needs a second
 * factor must send the authenticator app's code in the {@code otp} (or {@code totp}) parameter, unless the client or
 * the user is exempt. Errors are {@code invalid_grant} with a description saying what is missing.
 */
final class DirectGrantGate implements Authenticator {

    static final String MISSING_CODE = "Second factor required: send the current code of your authenticator app in "
        + "the 'otp' parameter";
    static final String NOT_ENROLLED = "Second factor required, but none is set up: log in with a browser once to set "
        + "one up";
    static final String NO_CODE_FACTOR = "Second factor required, but the password grant can only carry an "
        + "authenticator app's code and none is set up: log in with a browser, or set up an authenticator app";
    static final String WRONG_CODE = "Invalid or already used one-time code";
    static final String LOCKED = "Invalid user credentials";

    private final UserPolicies policies;
    private final FactorCatalog catalog;
    private final OtpCredentialVerifier verifier = new OtpCredentialVerifier();

    DirectGrantGate(UserPolicies policies, FactorCatalog catalog) {
        this.policies = policies;
        this.catalog = catalog;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        EffectivePolicy policy = policies.forUser(context.getSession(), context.getRealm(), user);
        context.getEvent().detail(MfaEventDetails.MODE, policy.mode().id());
        // Only codes can travel in a password grant; other factors need a browser. Nothing is remembered here.
        GateLogin login = new GateLogin(context, policy, true, policies, catalog, EnumSet.allOf(Factor.class), null);
        GateOutcome outcome = GateDecision.decide(FlowKind.PASSWORD_GRANT, login);
        switch (outcome) {
            case SKIP_MODE_OFF -> {
                SessionRecord.skipped(context, MfaEventDetails.SKIP_MODE_OFF);
                context.success();
            }
            case SKIP_SUSPENDED -> {
                SessionRecord.suspended(context, login.suspension().orElseThrow());
                context.success();
            }
            case SKIP_EXEMPT -> {
                SessionRecord.exempted(context, login.exemption().orElseThrow());
                context.success();
            }
            case SKIP_NOT_ENROLLED -> {
                SessionRecord.skipped(context, MfaEventDetails.SKIP_NOT_ENROLLED);
                context.success();
            }
            case REFUSE_NO_APP_CODE -> {
                context.getEvent().user(user).error("mfa_factor_not_usable");
                context.challenge(error(NO_CODE_FACTOR));
            }
            case REFUSE_NOT_ENROLLED -> {
                context.getEvent().user(user).error("mfa_not_enrolled");
                context.challenge(error(NOT_ENROLLED));
            }
            case VERIFY_APP_CODE -> verify(context, user);
            default -> throw new IllegalStateException(outcome + " is not an outcome of a password grant");
        }
    }

    private void verify(AuthenticationFlowContext context, UserModel user) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String code = Optional.ofNullable(form.getFirst("otp")).orElse(form.getFirst("totp"));
        if (code == null) {
            // Not a guess, so not counted; the browser flow likewise shows the factor page after a right password.
            context.getEvent().user(user).error("mfa_required");
            context.challenge(error(MISSING_CODE));
            return;
        }
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockout != null) {
            context.getEvent().user(user).detail(MfaEventDetails.FAILURE, MfaEventDetails.FAILURE_LOCKED).error(lockout);
            context.challenge(error(LOCKED));
            return;
        }
        OtpVerification result = verifier.verify(context.getSession(), context.getRealm(), user, code);
        if (!result.isValid()) {
            context.getEvent().user(user)
                .detail(MfaEventDetails.FAILURE, switch (result.outcome()) {
                    case REUSED -> MfaEventDetails.FAILURE_REUSED_CODE;
                    case UNREADABLE -> MfaEventDetails.FAILURE_SECRET_UNREADABLE;
                    default -> MfaEventDetails.FAILURE_WRONG_CODE;
                });
            result.missingKey().ifPresent(key -> context.getEvent().detail(MfaEventDetails.SECRET_KEY_ID, key));
            context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, error(WRONG_CODE));
            return;
        }
        SessionRecord.factorPassed(context, Factor.TOTP);
        context.success(OTPCredentialModel.TYPE);
    }

    private static Response error(String description) {
        return Response.status(Response.Status.BAD_REQUEST)
            .entity(new OAuth2ErrorRepresentation("invalid_grant", description))
            .type(MediaType.APPLICATION_JSON_TYPE)
            .build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
