package org.staffmfa.keycloak.gate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.enrolment.EnrolmentStart;
import org.staffmfa.keycloak.events.LogText;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factor.FactorChallenge;
import org.staffmfa.keycloak.factor.FactorPage;
import org.staffmfa.keycloak.factor.totp.AppReplacement;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.RememberOffer;
import org.staffmfa.keycloak.policy.decision.FlowKind;
import org.staffmfa.keycloak.policy.decision.GateDecision;
import org.staffmfa.keycloak.policy.decision.GateOutcome;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.remember.RememberedBrowsers;
import org.staffmfa.keycloak.session.FactorChanges;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * Enforces the user's group MFA policy after the identity step (password, or Keycloak's SSO cookie). Mode off, an
 * exempt client or user, or an SSO session that already passed a factor: lets the user through. A user with a usable
 * factor must pass it, unless this browser was remembered within the current recheck interval (the policy is read
 * again on every request, so a factor the groups do not allow can never be used, not even by posting to it). A user
 * without one is sent to enrolment: always in required mode, in allowed mode when the offer is due. If enrolment is
 * impossible the gate fails closed. A user whose authenticator app is weaker than the groups' minimum algorithm passes
 * a factor (a remembered browser does not stand in) and then sets up a new app.
 */
final class StaffMfaGate implements Authenticator {

    private static final Logger LOG = Logger.getLogger(StaffMfaGate.class);

    private final UserPolicies policies;
    private final FactorCatalog catalog;
    private final RememberedBrowsers browsers = new RememberedBrowsers();
    private final Map<Factor, FactorChallenge> challenges = new EnumMap<>(Factor.class);

    StaffMfaGate(UserPolicies policies, FactorCatalog catalog, List<FactorChallenge> challenges) {
        this.policies = policies;
        this.catalog = catalog;
        challenges.forEach(challenge -> this.challenges.put(challenge.factor(), challenge));
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        decide(context, false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        decide(context, true);
    }

    /** Gathers the login's facts, lets {@link GateDecision} decide, and carries the outcome out. */
    private void decide(AuthenticationFlowContext context, boolean answered) {
        EffectivePolicy policy = policies.forUser(context.getSession(), context.getRealm(), context.getUser());
        context.getEvent().detail(MfaEventDetails.MODE, policy.mode().id());
        GateLogin login = new GateLogin(context, policy, answered, policies, catalog, challenges.keySet(), browsers);
        GateOutcome outcome = GateDecision.decide(FlowKind.BROWSER, login);
        switch (outcome) {
            case STEP_UP_SATISFIED -> {
                // Keycloak may ask for the password again before such actions; the browser's SSO session still counts.
                SessionRecord.freshSsoSession(context, login.verifiedAt().getAsLong());
                context.success();
            }
            case STEP_UP_CHALLENGE -> {
                // Adding or removing a factor: exemptions, mode off and remembered browsers do not stand in.
                context.getEvent().detail(MfaEventDetails.STEP_UP, MfaEventDetails.STEP_UP_FACTOR_CHANGE);
                challenge(context, policy, login.usable(), login.remember().withheld(), answered);
            }
            case SKIP_MODE_OFF -> pass(context, () -> SessionRecord.skipped(context, MfaEventDetails.SKIP_MODE_OFF));
            case SKIP_SUSPENDED -> pass(context, () -> SessionRecord.suspended(context, login.suspension().orElseThrow()));
            case SKIP_EXEMPT -> pass(context, () -> SessionRecord.exempted(context, login.exemption().orElseThrow()));
            case SSO_SESSION -> pass(context, () -> SessionRecord.ssoSession(context));
            case SKIP_NOT_ENROLLED -> pass(context, () -> SessionRecord.skipped(context, MfaEventDetails.SKIP_NOT_ENROLLED));
            case REMEMBERED_BROWSER -> pass(context, () -> SessionRecord.rememberedBrowser(context, login.rememberedCheck()));
            case ENROL_REQUIRED -> startEnrolment(context, "required");
            case ENROL_OFFERED -> startEnrolment(context, "offered");
            case FAIL_CLOSED -> failClosed(context, policy);
            case CHALLENGE -> challenge(context, policy, login.usable(), login.remember(), answered);
            default -> throw new IllegalStateException(outcome + " is not an outcome of a browser login");
        }
    }

    /** Through without asking: the record says why. */
    private static void pass(AuthenticationFlowContext context, Runnable record) {
        record.run();
        context.success();
    }

    /** Shows the selected factor's page, switches factor, or verifies the answer. */
    private void challenge(AuthenticationFlowContext context, EffectivePolicy policy, List<Factor> usable,
                           RememberOffer remember, boolean answered) {
        String switchTo = answered
            ? context.getHttpRequest().getDecodedFormParameters().getFirst(StaffMfaPages.FIELD_FACTOR) : null;
        if (switchTo != null) {
            // "Use another factor": only to a factor that is usable now; anything else just shows the page again.
            Factor.fromId(switchTo).filter(usable::contains).ifPresent(factor ->
                context.getAuthenticationSession().setAuthNote(MfaNotes.SELECTED_FACTOR, factor.id()));
        }
        Factor current = selected(context, usable);
        FactorChallenge challenge = challenges.get(current);
        FactorPage view = new FactorPage(current, usable, challenge.mayRememberBrowser() ? remember : remember.withheld());
        if (!answered || switchTo != null) {
            challenge.show(context, view);
        } else if (challenge.verify(context, view)) {
            passed(context, policy, challenge, view);
        }
    }

    /** A real second factor: record it, remember the browser if asked (never after a skip of any kind). */
    private void passed(AuthenticationFlowContext context, EffectivePolicy policy, FactorChallenge challenge, FactorPage view) {
        SessionRecord.factorPassed(context, challenge.factor());
        if (view.remember().requested(context.getHttpRequest().getDecodedFormParameters().getFirst(RememberOffer.FIELD))) {
            browsers.remember(context.getSession(), context.getRealm(), context.getUser(), challenge.factor(),
                policy.recheckInterval());
            context.getEvent().detail(MfaEventDetails.REMEMBERED, "true");
        }
        challenge.afterPassed(context);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(MfaNotes.ENROLMENT_REASON) == null) {
            // Not while the user changes factors (deleting an app with this login must not also take the weak ones).
            if (challenge.factor() == Factor.TOTP && !FactorChanges.requested(authSession)
                    && !AppReplacement.retireWeakAppsAfterCode(context.getSession(), policy, context.getUser(),
                        context.getEvent()).isEmpty()) {
                // The code came from a strong enough app the user already had: the weak ones go, nothing is asked.
                context.getEvent().detail(MfaEventDetails.ENROLMENT, MfaNotes.ENROLMENT_STRONG_APP_USED);
                LOG.infof("Staff MFA: user %s in realm %s signed in with an authenticator app of at least %s; the weaker "
                    + "ones were removed", LogText.oneLine(context.getUser().getUsername()),
                    LogText.oneLine(context.getRealm().getName()), policy.appMinAlgorithm().uriName());
            }
            if (AppReplacement.due(policy, context.getUser())) {
                // An app weaker than the groups' minimum: it proved the user once more; now a new app replaces it.
                EnrolmentStart.start(authSession, MfaNotes.ENROLMENT_REPLACE_APP);
                context.getEvent().detail(MfaEventDetails.ENROLMENT, MfaNotes.ENROLMENT_REPLACE_APP);
            }
        }
        context.success(challenge.credentialType());
    }

    private static Factor selected(AuthenticationFlowContext context, List<Factor> usable) {
        String note = context.getAuthenticationSession().getAuthNote(MfaNotes.SELECTED_FACTOR);
        return Optional.ofNullable(note).flatMap(Factor::fromId).filter(usable::contains).orElse(usable.get(0));
    }

    private static void startEnrolment(AuthenticationFlowContext context, String reason) {
        SessionRecord.decided(context);
        EnrolmentStart.start(context.getAuthenticationSession(), reason);
        context.getEvent().detail(MfaEventDetails.ENROLMENT, reason);
        context.success();
    }

    /**
     * A required user who can neither use nor enrol an allowed factor must not get in: no factor allowed that this
     * build implements, or the enrolment required action is not registered and enabled (Keycloak would skip it).
     */
    private void failClosed(AuthenticationFlowContext context, EffectivePolicy policy) {
        UserModel user = context.getUser();
        LOG.errorf("Staff MFA: user %s in realm %s must use a second factor but can neither use nor enrol one "
                + "(allowed: %s; implemented: %s; required action %s enabled: %s). Login refused.",
            user.getUsername(), context.getRealm().getName(), policy.factors(), catalog.implemented(),
            StaffMfaIds.ENROL_ACTION, EnrolmentStart.actionEnabled(context.getRealm()));
        context.getEvent().user(user).error("mfa_not_available");
        // A challenge, not a failure: a configuration problem must not count as a failed login attempt.
        context.forceChallenge(context.form().setError(StaffMfaPages.NOT_AVAILABLE_MESSAGE)
            .createErrorPage(Response.Status.FORBIDDEN));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** The gate decides everything itself, including what to do for users without a factor. */
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
