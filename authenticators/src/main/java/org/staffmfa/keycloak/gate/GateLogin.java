package org.staffmfa.keycloak.gate;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.services.managers.AuthenticationManager;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.enrolment.EnrolmentDeadlines;
import org.staffmfa.keycloak.enrolment.EnrolmentOffer;
import org.staffmfa.keycloak.enrolment.EnrolmentStart;
import org.staffmfa.keycloak.exemption.Exemptions;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factor.totp.AppReplacement;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.RememberOffer;
import org.staffmfa.keycloak.policy.decision.LoginFacts;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.remember.RememberedBrowsers;
import org.staffmfa.keycloak.session.FactorChanges;
import org.staffmfa.keycloak.session.SsoSessions;

/**
 * The facts of one login as Keycloak holds them, for {@code GateDecision}: each read the first time the decision asks
 * for it (a cookie check, the user's credentials, the SSO session), then kept for the outcome's own use.
 */
final class GateLogin implements LoginFacts {

    private final AuthenticationFlowContext context;
    private final EffectivePolicy policy;
    private final boolean answered;
    private final UserPolicies policies;
    private final FactorCatalog catalog;
    private final Set<Factor> askable;
    private final RememberedBrowsers browsers;

    private List<Factor> usable;
    private Optional<Exemptions.Exemption> exemption;
    private Optional<EmergencySwitches.Suspension> suspension;
    private OptionalLong verifiedAt;
    private RememberOffer remember;
    private RememberedBrowsers.Check rememberedCheck;

    /** @param askable the factors this gate can ask for */
    GateLogin(AuthenticationFlowContext context, EffectivePolicy policy, boolean answered, UserPolicies policies,
              FactorCatalog catalog, Set<Factor> askable, RememberedBrowsers browsers) {
        this.context = context;
        this.policy = policy;
        this.answered = answered;
        this.policies = policies;
        this.catalog = catalog;
        this.askable = askable;
        this.browsers = browsers;
    }

    @Override
    public MfaMode mode() {
        return policy.mode();
    }

    @Override
    public MfaMode enrolmentMode() {
        return EnrolmentDeadlines.enrolmentMode(policy, context.getUser());
    }

    @Override
    public boolean factorChangeRequested() {
        return FactorChanges.requested(context.getAuthenticationSession());
    }

    @Override
    public boolean factorVerifiedRecently() {
        return FactorChanges.isFresh(context.getRealm(), verifiedAt());
    }

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public boolean enforcementSuspended() {
        return suspension().isPresent();
    }

    /** The realm-wide suspension of enforcement in force, if any; read once, so that decision and record agree. */
    Optional<EmergencySwitches.Suspension> suspension() {
        if (suspension == null) {
            suspension = EmergencySwitches.suspension(context.getRealm());
        }
        return suspension;
    }

    @Override
    public boolean exempt() {
        return exemption().isPresent();
    }

    @Override
    public boolean cameThroughSso() {
        return "true".equals(context.getAuthenticationSession().getAuthNote(AuthenticationManager.SSO_AUTH));
    }

    @Override
    public boolean ssoSessionPassedFactor() {
        return SsoSessions.passedFactor(context.getSession(), context.getRealm(), context.getUser(),
            rememberedBrowsersCount());
    }

    @Override
    public boolean hasUsableFactor() {
        return !usable().isEmpty();
    }

    @Override
    public boolean hasUsableAppCode() {
        return usable().contains(Factor.TOTP);
    }

    @Override
    public boolean canEnrol() {
        return !catalog.enrollable(policy).isEmpty() && EnrolmentStart.actionEnabled(context.getRealm());
    }

    @Override
    public boolean enrolmentOfferDue() {
        return EnrolmentOffer.isDue(context.getUser(), policy.recheckInterval());
    }

    @Override
    public boolean rememberedBrowsersCount() {
        return remember().available();
    }

    /** Not while an app must be replaced: the replacement needs a factor passed in this login. */
    @Override
    public boolean browserRemembered() {
        return rememberedCheck().honoured() && !AppReplacement.due(policy, context.getUser());
    }

    /** The user's usable factors that this gate can ask for, in offer order. */
    List<Factor> usable() {
        if (usable == null) {
            usable = catalog.usable(policy, context.getUser()).stream().filter(askable::contains).toList();
        }
        return usable;
    }

    Optional<Exemptions.Exemption> exemption() {
        if (exemption == null) {
            exemption = Exemptions.of(context.getSession(), context.getRealm(), context.getUser(),
                context.getAuthenticationSession().getClient());
        }
        return exemption;
    }

    /** When the browser's SSO session last really verified a factor. */
    OptionalLong verifiedAt() {
        if (verifiedAt == null) {
            verifiedAt = SsoSessions.verifiedAt(context.getSession(), context.getRealm(), context.getUser());
        }
        return verifiedAt;
    }

    /** The remember offer for this user and client (the stricter of the policy's and the client's setting). */
    RememberOffer remember() {
        if (remember == null) {
            remember = new RememberOffer(policies.rememberFor(context.getSession(), context.getRealm(), policy,
                context.getAuthenticationSession().getClient()), policy.recheckInterval());
        }
        return remember;
    }

    RememberedBrowsers.Check rememberedCheck() {
        if (rememberedCheck == null) {
            rememberedCheck = browsers.check(context.getSession(), context.getRealm(), context.getUser(),
                policy.recheckInterval());
        }
        return rememberedCheck;
    }
}
