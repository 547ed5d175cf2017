package org.staffmfa.keycloak.enrolment.action;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.enrolment.EnrolmentDeadlines;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.exemption.Exemptions;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.RememberOffer;
import org.staffmfa.keycloak.policy.decision.EnrolmentTrigger;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.session.MfaNotes;
import org.staffmfa.keycloak.session.SsoSessions;

/**
 * The facts of one finished login as Keycloak holds them, for {@code EnrolmentTrigger}: each read only when the
 * trigger asks for it, so a login outside MFA costs no credential or session lookup.
 */
final class EnrolmentLogin implements EnrolmentTrigger.Facts {

    private final RequiredActionContext context;
    private final AuthenticationSessionModel authSession;
    private final EffectivePolicy policy;
    private final UserPolicies policies;
    private final FactorCatalog catalog;

    EnrolmentLogin(RequiredActionContext context, EffectivePolicy policy, UserPolicies policies, FactorCatalog catalog) {
        this.context = context;
        this.authSession = context.getAuthenticationSession();
        this.policy = policy;
        this.policies = policies;
        this.catalog = catalog;
    }

    @Override
    public MfaMode mode() {
        return policy.mode();
    }

    @Override
    public MfaMode enrolmentMode() {
        // A skip made in this very login while it was allowed (perhaps the last one) stands for this login.
        if (MfaEventDetails.SKIP_ENROLMENT_SKIPPED.equals(authSession.getUserSessionNotes().get(MfaNotes.SKIP_REASON))) {
            return MfaMode.ALLOWED;
        }
        return EnrolmentDeadlines.enrolmentMode(policy, context.getUser());
    }

    @Override
    public boolean enforcementSuspended() {
        return EmergencySwitches.enforcementSuspended(context.getRealm());
    }

    @Override
    public boolean exempt() {
        return Exemptions.of(context.getSession(), context.getRealm(), context.getUser(), authSession.getClient())
            .isPresent();
    }

    @Override
    public boolean hasUsableFactor() {
        return !catalog.usable(policy, context.getUser()).isEmpty();
    }

    @Override
    public boolean gateDecided() {
        return authSession.getAuthNote(MfaNotes.GATE_DECIDED) != null;
    }

    @Override
    public boolean ssoSessionPassedFactor() {
        // A remembered browser counts for the SSO session only where this client may remember browsers at all.
        boolean rememberedBrowsersCount = new RememberOffer(policies.rememberFor(context.getSession(), context.getRealm(),
            policy, authSession.getClient()), policy.recheckInterval()).available();
        return SsoSessions.passedFactor(context.getSession(), context.getRealm(), context.getUser(),
            rememberedBrowsersCount);
    }
}
