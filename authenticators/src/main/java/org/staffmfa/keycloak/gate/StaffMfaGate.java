package org.staffmfa.keycloak.gate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.staffmfa.keycloak.exemption.Exemptions;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.mfa.EnrolmentOffer;
import org.staffmfa.keycloak.mfa.EnrolmentStart;
import org.staffmfa.keycloak.mfa.FactorChanges;
import org.staffmfa.keycloak.mfa.MfaEventDetails;
import org.staffmfa.keycloak.mfa.MfaNotes;
import org.staffmfa.keycloak.mfa.StaffMfaIds;
import org.staffmfa.keycloak.mfa.SsoSessions;
import org.staffmfa.keycloak.mfa.StaffMfaPages;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.RememberBrowser;
import org.staffmfa.keycloak.policy.UserPolicies;
import org.staffmfa.keycloak.remember.RememberOffer;
import org.staffmfa.keycloak.remember.RememberedBrowsers;

/**
 * Enforces the user's group MFA policy after the identity step (password, or Keycloak's SSO cookie). Mode off, an
 * exempt client or user, or an SSO session that already passed a factor: lets the user through. A user with a usable
 * factor must pass it, unless this browser was remembered within the current recheck interval (the policy is read
 * again on every request, so a factor the groups do not allow can never be used, not even by posting to it). A user
 * without one is sent to enrolment: always in required mode, in allowed mode when the offer is due. If enrolment is
 * impossible the gate fails closed.
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

    private void decide(AuthenticationFlowContext context, boolean answered) {
        EffectivePolicy policy = policies.forUser(context.getSession(), context.getRealm(), context.getUser());
        context.getEvent().detail(MfaEventDetails.MODE, policy.mode().id());
        if (FactorChanges.requested(context.getAuthenticationSession()) && stepUpForFactorChange(context, policy, answered)) {
            return;
        }
        if (policy.mode() == MfaMode.OFF) {
            SessionRecord.skipped(context, MfaEventDetails.SKIP_MODE_OFF);
            context.success();
            return;
        }
        Optional<Exemptions.Exemption> exemption = Exemptions.of(context.getSession(), context.getRealm(), context.getUser(),
            context.getAuthenticationSession().getClient());
        if (exemption.isPresent()) {
            SessionRecord.exempted(context, exemption.get());
            context.success();
            return;
        }
        RememberOffer remember = new RememberOffer(
            policies.rememberFor(context.getSession(), context.getRealm(), policy, context.getAuthenticationSession().getClient()),
            policy.recheckInterval());
        // An SSO session that passed only through a remembered browser does not satisfy a client that does not honour
        // remembered browsers (a shared circulation-desk PC).
        if (!answered && cameThroughSso(context)
            && SsoSessions.passedFactor(context.getSession(), context.getRealm(), context.getUser(), remember.available())) {
            SessionRecord.ssoSession(context);
            context.success();
            return;
        }
        List<Factor> usable = usable(policy, context.getUser());
        if (usable.isEmpty()) {
            notEnrolled(context, policy);
            return;
        }
        if (!answered && remember.available() && honourRememberedBrowser(context, policy)) {
            return;
        }

        challenge(context, policy, usable, remember, answered);
    }

    /**
     * Adding or removing a factor (an application-initiated action) needs a factor verified within the last minutes:
     * mode off, exemptions, an older SSO session or a remembered browser do not stand in for it. A user with no
     * usable factor has nothing to verify with; the normal rules (enrolment) apply.
     */
    private boolean stepUpForFactorChange(AuthenticationFlowContext context, EffectivePolicy policy, boolean answered) {
        List<Factor> usable = usable(policy, context.getUser());
        if (usable.isEmpty()) {
            return false;
        }
        if (!answered) {
            // Keycloak may ask for the password again before such actions; the browser's SSO session still counts.
            OptionalLong verifiedAt = SsoSessions.verifiedAt(context.getSession(), context.getRealm(), context.getUser());
            if (FactorChanges.isFresh(context.getRealm(), verifiedAt)) {
                SessionRecord.freshSsoSession(context, verifiedAt.getAsLong());
                context.success();
                return true;
            }
        }
        context.getEvent().detail(MfaEventDetails.STEP_UP, MfaEventDetails.STEP_UP_FACTOR_CHANGE);
        challenge(context, policy, usable, new RememberOffer(RememberBrowser.NEVER, policy.recheckInterval()), answered);
        return true;
    }

    private List<Factor> usable(EffectivePolicy policy, UserModel user) {
        return catalog.usable(policy, user).stream().filter(challenges::containsKey).toList();
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
        GateView view = new GateView(current, usable, challenge.mayRememberBrowser() ? remember : remember.withheld());
        if (!answered || switchTo != null) {
            challenge.show(context, view);
        } else if (challenge.verify(context, view)) {
            passed(context, policy, challenge, view);
        }
    }

    /** The identity step was Keycloak's SSO cookie rather than a password. */
    private static boolean cameThroughSso(AuthenticationFlowContext context) {
        return "true".equals(context.getAuthenticationSession().getAuthNote(AuthenticationManager.SSO_AUTH));
    }

    private boolean honourRememberedBrowser(AuthenticationFlowContext context, EffectivePolicy policy) {
        RememberedBrowsers.Check check = browsers.check(context.getSession(), context.getRealm(), context.getUser(),
            policy.recheckInterval());
        if (!check.honoured()) {
            return false;
        }
        SessionRecord.rememberedBrowser(context, check);
        context.success();
        return true;
    }

    /** A real second factor: record it, remember the browser if asked (never after a skip of any kind). */
    private void passed(AuthenticationFlowContext context, EffectivePolicy policy, FactorChallenge challenge, GateView view) {
        SessionRecord.factorPassed(context, challenge.factor());
        if (view.remember().requested(context.getHttpRequest().getDecodedFormParameters())) {
            browsers.remember(context.getSession(), context.getRealm(), context.getUser(), challenge.factor(),
                policy.recheckInterval());
            context.getEvent().detail(MfaEventDetails.REMEMBERED, "true");
        }
        challenge.afterPassed(context);
        context.success(challenge.credentialType());
    }

    private static Factor selected(AuthenticationFlowContext context, List<Factor> usable) {
        String note = context.getAuthenticationSession().getAuthNote(MfaNotes.SELECTED_FACTOR);
        return Optional.ofNullable(note).flatMap(Factor::fromId).filter(usable::contains).orElse(usable.get(0));
    }

    private void notEnrolled(AuthenticationFlowContext context, EffectivePolicy policy) {
        boolean canEnrol = !catalog.enrollable(policy).isEmpty() && EnrolmentStart.actionEnabled(context.getRealm());
        if (policy.mode() == MfaMode.REQUIRED) {
            if (!canEnrol) {
                failClosed(context, policy);
                return;
            }
            startEnrolment(context, "required");
            return;
        }
        if (canEnrol && EnrolmentOffer.isDue(context.getUser(), policy.recheckInterval())) {
            startEnrolment(context, "offered");
            return;
        }
        SessionRecord.skipped(context, MfaEventDetails.SKIP_NOT_ENROLLED);
        context.success();
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
