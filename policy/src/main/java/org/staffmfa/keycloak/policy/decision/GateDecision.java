package org.staffmfa.keycloak.policy.decision;

import org.staffmfa.keycloak.policy.MfaMode;

/**
 * The gates' decision table as one function of plain facts; the Keycloak gates only gather the facts and carry the
 * outcome out. The order of the questions is the order of the rules:
 * <ol>
 *   <li>a factor change (browser) needs a freshly verified factor, whatever else holds;</li>
 *   <li>mode off, then an exemption, let the login through;</li>
 *   <li>an SSO session that passed a factor counting for this client lets it through (browser);</li>
 *   <li>enforcement suspended realm-wide lets it through with the password alone;</li>
 *   <li>a user without a usable factor enrols (required), is offered enrolment (allowed, when due), passes (allowed),
 *       or is refused when nothing can be set up (required);</li>
 *   <li>a remembered browser stands in for the factor (browser), else the factor is asked for.</li>
 * </ol>
 */
public final class GateDecision {

    private GateDecision() {
    }

    public static GateOutcome decide(FlowKind flow, LoginFacts facts) {
        return flow == FlowKind.BROWSER ? browser(facts) : passwordGrant(facts);
    }

    private static GateOutcome browser(LoginFacts facts) {
        if (facts.factorChangeRequested() && facts.hasUsableFactor()) {
            return !facts.answered() && facts.factorVerifiedRecently()
                ? GateOutcome.STEP_UP_SATISFIED : GateOutcome.STEP_UP_CHALLENGE;
        }
        MfaMode mode = facts.mode();
        if (mode == MfaMode.OFF) {
            return GateOutcome.SKIP_MODE_OFF;
        }
        if (facts.exempt()) {
            return GateOutcome.SKIP_EXEMPT;
        }
        if (!facts.answered() && facts.cameThroughSso() && facts.ssoSessionPassedFactor()) {
            return GateOutcome.SSO_SESSION;
        }
        // After the SSO check: a session that passed a factor keeps its record, the suspension adds nothing to it.
        if (facts.enforcementSuspended()) {
            return GateOutcome.SKIP_SUSPENDED;
        }
        if (!facts.hasUsableFactor()) {
            return notEnrolled(facts.enrolmentMode(), facts);
        }
        if (!facts.answered() && facts.rememberedBrowsersCount() && facts.browserRemembered()) {
            return GateOutcome.REMEMBERED_BROWSER;
        }
        return GateOutcome.CHALLENGE;
    }

    private static GateOutcome notEnrolled(MfaMode mode, LoginFacts facts) {
        boolean canEnrol = facts.canEnrol();
        if (mode == MfaMode.REQUIRED) {
            return canEnrol ? GateOutcome.ENROL_REQUIRED : GateOutcome.FAIL_CLOSED;
        }
        return canEnrol && facts.enrolmentOfferDue() ? GateOutcome.ENROL_OFFERED : GateOutcome.SKIP_NOT_ENROLLED;
    }

    private static GateOutcome passwordGrant(LoginFacts facts) {
        MfaMode mode = facts.mode();
        if (mode == MfaMode.OFF) {
            return GateOutcome.SKIP_MODE_OFF;
        }
        if (facts.enforcementSuspended()) {
            return GateOutcome.SKIP_SUSPENDED;
        }
        if (facts.exempt()) {
            return GateOutcome.SKIP_EXEMPT;
        }
        if (!facts.hasUsableFactor()) {
            return facts.enrolmentMode() == MfaMode.REQUIRED ? GateOutcome.REFUSE_NOT_ENROLLED : GateOutcome.SKIP_NOT_ENROLLED;
        }
        return facts.hasUsableAppCode() ? GateOutcome.VERIFY_APP_CODE : GateOutcome.REFUSE_NO_APP_CODE;
    }
}
