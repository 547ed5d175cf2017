package org.staffmfa.keycloak.enrolment.action;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.enrolment.EnrolmentDeadlines;
import org.staffmfa.keycloak.enrolment.EnrolmentOffer;
import org.staffmfa.keycloak.events.LogText;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.factor.EnrolmentPage;
import org.staffmfa.keycloak.factor.EnrolmentStep;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factor.totp.AppReplacement;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.RememberOffer;
import org.staffmfa.keycloak.policy.decision.EnrolmentTrigger;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.remember.RememberedBrowsers;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * Enrolment of a second factor during login: the chooser lists the factors the user's groups allow; in allowed mode
 * it also offers "Skip for now". The login completes only once a factor is set up and confirmed, or (allowed mode
 * only) skipped. Every decision re-reads the policy on the server, so posting "skip" in required mode or a factor the
 * groups do not allow changes nothing.
 */
final class EnrolmentAction implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(EnrolmentAction.class);

    private final UserPolicies policies;
    private final FactorCatalog catalog;
    private final RememberedBrowsers browsers = new RememberedBrowsers();
    private final Map<Factor, EnrolmentStep> steps = new EnumMap<>(Factor.class);

    EnrolmentAction(UserPolicies policies, FactorCatalog catalog, List<EnrolmentStep> steps) {
        this.policies = policies;
        this.catalog = catalog;
        steps.forEach(step -> this.steps.put(step.factor(), step));
    }

    /**
     * Safety net for every way in, whatever flow a login came through: a user who must use MFA but has no factor is
     * sent to enrolment; a login that needed a factor but went through a flow without the Staff MFA gate (an identity
     * provider's post-login flow, reset credentials, a custom flow) is refused.
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        EffectivePolicy policy = policies.forUser(context.getSession(), context.getRealm(), context.getUser());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        EnrolmentTrigger.Outcome outcome = EnrolmentTrigger.decide(new EnrolmentLogin(context, policy, policies, catalog));
        switch (outcome) {
            case ENROL -> {
                if (authSession.getAuthNote(MfaNotes.ENROLMENT_REASON) == null) {
                    authSession.setAuthNote(MfaNotes.ENROLMENT_REASON, "required");
                }
                authSession.addRequiredAction(StaffMfaIds.ENROL_ACTION);
            }
            case REFUSE_UNCHECKED -> {
                authSession.setAuthNote(MfaNotes.ENROLMENT_REASON, MfaNotes.ENROLMENT_UNCHECKED);
                authSession.addRequiredAction(StaffMfaIds.ENROL_ACTION);
            }
            case NOTHING -> {
            }
        }
    }

    /**
     * Supported, so that asking for this action by {@code kc_action} runs it: Keycloak ignores, for the whole login, a
     * required action asked for that way which does not support it, and so would let a login that must enrol (or
     * replace an app, or be refused) finish without it. Already required in the login, Keycloak enforces it (no
     * cancel); not required, it finds nothing to do and succeeds.
     */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (uncheckedLogin(context)) {
            refuseUncheckedLogin(context);
            return;
        }
        if (askedForButNotNeeded(context)) {
            context.success();
            return;
        }
        EffectivePolicy policy = policies.forUser(context.getSession(), context.getRealm(), context.getUser());
        EnrolmentPage view = view(context, policy);
        if (isFollowUp(context)) {
            steps.get(Factor.RECOVERY_CODES).show(context, view.asFollowUp());
            return;
        }
        if (replacingApp(context) && !view.replacingApp()) {
            // Replaced meanwhile, or the groups no longer ask for a stronger app: nothing left to do.
            cleanUp(context);
            context.success();
            return;
        }
        if (!view.afterRecoveryCode() && !view.replacingApp() && !catalog.usable(policy, context.getUser()).isEmpty()) {
            // Set up meanwhile (e.g. in another tab): nothing left to do.
            context.success();
            return;
        }
        Optional<EnrolmentStep> step = chosenStep(context, view);
        if (step.isPresent()) {
            step.get().show(context, view);
        } else {
            context.challenge(view.chooser(context, null));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (uncheckedLogin(context)) {
            refuseUncheckedLogin(context);
            return;
        }
        EffectivePolicy policy = policies.forUser(context.getSession(), context.getRealm(), context.getUser());
        // This request may complete the login; its LOGIN event should say under which mode.
        context.getEvent().detail(MfaEventDetails.MODE, policy.mode().id());
        EnrolmentPage view = view(context, policy);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (view.afterRecoveryCode()) {
            // The gate's request ended before the LOGIN event; this one may send it.
            context.getEvent().detail(MfaEventDetails.FACTOR, Factor.RECOVERY_CODES.id())
                .detail(MfaEventDetails.RECOVERY_CODES_LEFT, Integer.toString(view.recoveryCodesLeft()));
        }

        if (isFollowUp(context)) {
            recoveryCodesFollowUp(context, view.asFollowUp(), form);
        } else if (form.containsKey(StaffMfaPages.FIELD_SKIP)) {
            skip(context, view);
        } else if (form.containsKey(StaffMfaPages.FIELD_BACK)) {
            authSession.removeAuthNote(MfaNotes.ENROLMENT_FACTOR);
            context.challenge(view.chooser(context, null));
        } else if (form.containsKey(StaffMfaPages.FIELD_FACTOR)) {
            choose(context, view, form.getFirst(StaffMfaPages.FIELD_FACTOR));
        } else {
            Optional<EnrolmentStep> step = chosenStep(context, view);
            if (step.isEmpty()) {
                context.challenge(view.chooser(context, null));
            } else if (step.get().confirm(context, view)) {
                enrolled(context, policy, view, step.get().factor());
            }
        }
    }

    /**
     * Asked for by {@code kc_action} alone: neither the gate nor the triggers started it, and it is not among the
     * login's or the user's required actions (then Keycloak enforces it). Nothing to do; factors are added through
     * their own actions ({@code CONFIGURE_TOTP}, {@code webauthn-register}).
     */
    private static boolean askedForButNotNeeded(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return authSession.getAuthNote(MfaNotes.ENROLMENT_REASON) == null
            && StaffMfaIds.ENROL_ACTION.equals(authSession.getClientNote(Constants.KC_ACTION))
            && !"true".equals(authSession.getClientNote(Constants.KC_ACTION_ENFORCED));
    }

    private static boolean replacingApp(RequiredActionContext context) {
        return MfaNotes.ENROLMENT_REPLACE_APP.equals(context.getAuthenticationSession().getAuthNote(MfaNotes.ENROLMENT_REASON));
    }

    private static boolean uncheckedLogin(RequiredActionContext context) {
        return MfaNotes.ENROLMENT_UNCHECKED.equals(context.getAuthenticationSession().getAuthNote(MfaNotes.ENROLMENT_REASON));
    }

    /** Fails closed and tells the administrator which flow lacks the gate. */
    private static void refuseUncheckedLogin(RequiredActionContext context) {
        LOG.errorf("Staff MFA: login of user %s to client %s in realm %s needed a second factor but went through a flow "
                + "without the Staff MFA gate (browser, direct grant, reset credentials and identity providers' post "
                + "login flows all need it). Login refused.", context.getUser().getUsername(),
            context.getAuthenticationSession().getClient().getClientId(), context.getRealm().getName());
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
            .detail(Details.CUSTOM_REQUIRED_ACTION, StaffMfaIds.ENROL_ACTION)
            .error("mfa_not_checked");
        context.challenge(context.form().setError(StaffMfaPages.NOT_AVAILABLE_MESSAGE)
            .createErrorPage(jakarta.ws.rs.core.Response.Status.FORBIDDEN));
    }

    private EnrolmentPage view(RequiredActionContext context, EffectivePolicy policy) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RememberOffer remember = new RememberOffer(policies.rememberFor(context.getSession(), context.getRealm(), policy,
            authSession.getClient()), policy.recheckInterval());
        List<Factor> firstFactors = catalog.enrollable(policy).stream().filter(steps::containsKey).toList();
        // An enrolment deadline may turn "allowed" into "required" (no skip left) or a grace the other way round.
        boolean mayPutOff = EnrolmentDeadlines.enrolmentMode(policy, context.getUser()) == MfaMode.ALLOWED;
        if (replacingApp(context)) {
            // A new app instead of a weak one: nothing else to choose, no skip, the browser was offered at the gate.
            Optional<OtpAlgorithm> weakest = AppReplacement.weakest(policy, context.getUser());
            List<Factor> app = weakest.isPresent() && steps.containsKey(Factor.TOTP) ? List.of(Factor.TOTP) : List.of();
            return new EnrolmentPage(app, false, remember.withheld(), null, false)
                .withApps(policy.appMinAlgorithm(), weakest.orElse(null));
        }
        if (!MfaNotes.ENROLMENT_AFTER_RECOVERY_CODE.equals(authSession.getAuthNote(MfaNotes.ENROLMENT_REASON))) {
            return new EnrolmentPage(firstFactors, mayPutOff, remember, null, false)
                .withApps(policy.appMinAlgorithm(), null)
                .withSkipNotes(
                EnrolmentDeadlines.skipNotes(context.getRealm(), policy, context.getUser(),
                        context.getSession().getContext().resolveLocale(context.getUser())).stream()
                    .map(note -> java.util.stream.Stream.concat(java.util.stream.Stream.of(note.key()),
                        note.arguments().stream()).toList())
                    .toList());
        }
        // After a recovery code: any factor, a new set of codes included; declining is fine while a factor is left.
        List<Factor> offered = new ArrayList<>(firstFactors);
        if (offersRecoveryCodes(policy)) {
            offered.add(Factor.RECOVERY_CODES);
        }
        boolean mayDecline = mayPutOff || !catalog.usable(policy, context.getUser()).isEmpty();
        int left = parseOrZero(authSession.getAuthNote(MfaNotes.RECOVERY_CODES_LEFT));
        return new EnrolmentPage(offered, mayDecline, remember, left, false).withApps(policy.appMinAlgorithm(), null);
    }

    private boolean offersRecoveryCodes(EffectivePolicy policy) {
        return catalog.allows(policy, Factor.RECOVERY_CODES) && steps.containsKey(Factor.RECOVERY_CODES);
    }

    private static int parseOrZero(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isFollowUp(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(MfaNotes.ENROLMENT_FOLLOW_UP) != null;
    }

    /** The recovery codes page after the first factor: saved, or postponed ("Not now"); either ends the enrolment. */
    private void recoveryCodesFollowUp(RequiredActionContext context, EnrolmentPage view, MultivaluedMap<String, String> form) {
        // The login completes with this request: its events say what the previous one enrolled.
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String enrolled = authSession.getAuthNote(MfaNotes.ENROLMENT_FOLLOW_UP);
        context.getEvent().detail(MfaEventDetails.ENROLMENT, enrolled).detail(MfaEventDetails.FACTOR, enrolled);
        if (authSession.getAuthNote(MfaNotes.ENROLMENT_REMEMBERED) != null) {
            context.getEvent().detail(MfaEventDetails.REMEMBERED, "true");
        }
        if (form.containsKey(StaffMfaPages.FIELD_LATER)) {
            context.getEvent().detail(MfaEventDetails.RECOVERY_CODES, "postponed");
        } else if (steps.get(Factor.RECOVERY_CODES).confirm(context, view)) {
            context.getEvent().detail(MfaEventDetails.RECOVERY_CODES, "saved");
        } else {
            return;
        }
        cleanUp(context);
        context.success();
    }

    /** The factor chosen earlier in this login, if it is still on offer. */
    private Optional<EnrolmentStep> chosenStep(RequiredActionContext context, EnrolmentPage view) {
        Optional<Factor> chosen = Optional.ofNullable(context.getAuthenticationSession().getAuthNote(MfaNotes.ENROLMENT_FACTOR))
            .flatMap(Factor::fromId)
            .filter(view.offered()::contains);
        if (chosen.isEmpty() && view.offered().size() == 1 && !view.skipAllowed()) {
            // Nothing to choose: go straight to the only factor.
            chosen = Optional.of(view.offered().get(0));
        }
        return chosen.map(steps::get);
    }

    private void choose(RequiredActionContext context, EnrolmentPage view, String value) {
        Optional<Factor> factor = Factor.fromId(value).filter(view.offered()::contains);
        if (factor.isEmpty()) {
            context.challenge(view.chooser(context, StaffMfaPages.FACTOR_NOT_OFFERED_MESSAGE));
            return;
        }
        context.getAuthenticationSession().setAuthNote(MfaNotes.ENROLMENT_FACTOR, factor.get().id());
        steps.get(factor.get()).show(context, view);
    }

    private void skip(RequiredActionContext context, EnrolmentPage view) {
        if (view.afterRecoveryCode() && view.skipAllowed()) {
            // "Not now" after a recovery code: the user passed a factor in this login, nothing is skipped.
            context.getEvent().detail(MfaEventDetails.ENROLMENT, "declined-after-recovery-code");
            cleanUp(context);
            context.success();
            return;
        }
        if (!view.skipAllowed()) {
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
                .detail(Details.CUSTOM_REQUIRED_ACTION, StaffMfaIds.ENROL_ACTION)
                .detail(MfaEventDetails.ENROLMENT, "skip-refused")
                .error("mfa_required");
            Optional<EnrolmentStep> only = view.replacingApp() ? chosenStep(context, view) : Optional.empty();
            if (only.isPresent()) {
                // Replacing an app offers nothing to choose: back to its page, which says why.
                only.get().show(context, view);
            } else {
                context.challenge(view.chooser(context, StaffMfaPages.SKIP_NOT_ALLOWED_MESSAGE));
            }
            return;
        }
        EnrolmentOffer.recordSkip(context.getUser());
        // On the request's event: Keycloak sends it as the action's CUSTOM_REQUIRED_ACTION event and then the LOGIN.
        context.getEvent().detail(MfaEventDetails.ENROLMENT, "skipped")
            .detail(MfaEventDetails.SKIP_REASON, MfaEventDetails.SKIP_ENROLMENT_SKIPPED);
        context.getAuthenticationSession().setUserSessionNote(MfaNotes.SKIP_REASON, MfaEventDetails.SKIP_ENROLMENT_SKIPPED);
        cleanUp(context);
        context.success();
    }

    /**
     * Confirming the new factor counts as passing it in this login (Evergreen does the same), so the browser may be
     * remembered too.
     */
    private void enrolled(RequiredActionContext context, EffectivePolicy policy, EnrolmentPage view, Factor factor) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (view.replacingApp()) {
            appReplaced(context, policy);
            return;
        }
        context.getEvent().detail(MfaEventDetails.ENROLMENT, factor.id());
        if (factor != Factor.RECOVERY_CODES) {
            authSession.setUserSessionNote(MfaNotes.PASSED_FACTOR, factor.id());
            authSession.setUserSessionNote(MfaNotes.PASSED_AT, Long.toString(Time.currentTime()));
            context.getEvent().detail(MfaEventDetails.FACTOR, factor.id());
            if (view.remember().requested(context.getHttpRequest().getDecodedFormParameters().getFirst(RememberOffer.FIELD))) {
                browsers.remember(context.getSession(), context.getRealm(), context.getUser(), factor, policy.recheckInterval());
                context.getEvent().detail(MfaEventDetails.REMEMBERED, "true");
                authSession.setAuthNote(MfaNotes.ENROLMENT_REMEMBERED, "true");
            }
            if (offersRecoveryCodes(policy) && !catalog.isConfiguredFor(Factor.RECOVERY_CODES, context.getUser())) {
                // "Save these codes": the way back in if the new factor is lost.
                authSession.removeAuthNote(MfaNotes.ENROLMENT_FACTOR);
                authSession.setAuthNote(MfaNotes.ENROLMENT_FOLLOW_UP, factor.id());
                steps.get(Factor.RECOVERY_CODES).show(context, view.asFollowUp());
                return;
            }
        }
        cleanUp(context);
        context.success();
    }

    /** The new app is confirmed: now, and only now, the weak ones go, each with its own event. */
    private static void appReplaced(RequiredActionContext context, EffectivePolicy policy) {
        List<String> removed = AppReplacement.removeWeakApps(policy, context.getUser(), context.getEvent(),
            MfaNotes.ENROLMENT_REPLACE_APP);
        // Keycloak turns this action's event into the LOGIN event when no other required action follows (as for every
        // enrolment path): it says how the login passed, the old app's code at the gate and the new app's here.
        context.getEvent().detail(MfaEventDetails.ENROLMENT, MfaNotes.ENROLMENT_REPLACE_APP)
            .detail(MfaEventDetails.FACTOR, Factor.TOTP.id());
        LOG.infof("Staff MFA: user %s in realm %s replaced %d authenticator app(s) weaker than %s.",
            LogText.oneLine(context.getUser().getUsername()), LogText.oneLine(context.getRealm().getName()), removed.size(),
            policy.appMinAlgorithm().uriName());
        cleanUp(context);
        context.success();
    }

    private static void cleanUp(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.removeAuthNote(MfaNotes.ENROLMENT_FACTOR);
        authSession.removeAuthNote(MfaNotes.ENROLMENT_REASON);
        authSession.removeAuthNote(MfaNotes.ENROLMENT_FOLLOW_UP);
        authSession.removeAuthNote(MfaNotes.ENROLMENT_REMEMBERED);
        authSession.removeAuthNote(MfaNotes.ENROLMENT_RECOVERY_CODES);
        authSession.removeAuthNote(MfaNotes.RECOVERY_CODES_LEFT);
    }

    @Override
    public void close() {
    }
}
