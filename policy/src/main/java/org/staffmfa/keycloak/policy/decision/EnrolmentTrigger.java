package org.staffmfa.keycloak.policy.decision;

import org.staffmfa.keycloak.policy.MfaMode;

/**
 * The enrolment action's trigger, checked at the end of every login whatever flow it came through: the safety net
 * behind the gates.
 */
public final class EnrolmentTrigger {

    /** What the trigger does. */
    public enum Outcome {
        /** Nothing to do: MFA does not apply, or a gate (or the SSO session) took care of it. */
        NOTHING,
        /** Required mode and no factor: enrol before the login completes. */
        ENROL,
        /** The login needed a factor but no gate decided it (a flow without the gate): refuse it. */
        REFUSE_UNCHECKED
    }

    /** The facts the trigger needs, asked in order. */
    public interface Facts {
        MfaMode mode();

        /** The mode enrolment follows (see {@code LoginFacts#enrolmentMode}). */
        default MfaMode enrolmentMode() {
            return mode();
        }

        boolean exempt();

        /** Enforcement is suspended realm-wide (an emergency switch): nobody is made to enrol or refused. */
        boolean enforcementSuspended();

        boolean hasUsableFactor();

        /** A Staff MFA gate decided this login. */
        boolean gateDecided();

        /** The SSO session passed a factor that counts for this client. */
        boolean ssoSessionPassedFactor();
    }

    private EnrolmentTrigger() {
    }

    public static Outcome decide(Facts facts) {
        MfaMode mode = facts.mode();
        if (mode == MfaMode.OFF || facts.enforcementSuspended() || facts.exempt()) {
            return Outcome.NOTHING;
        }
        boolean noFactor = !facts.hasUsableFactor();
        if (facts.enrolmentMode() == MfaMode.REQUIRED && noFactor) {
            return Outcome.ENROL;
        }
        if (noFactor || facts.gateDecided() || facts.ssoSessionPassedFactor()) {
            return Outcome.NOTHING;
        }
        return Outcome.REFUSE_UNCHECKED;
    }
}
