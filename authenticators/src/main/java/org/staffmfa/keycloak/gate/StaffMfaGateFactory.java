package org.staffmfa.keycloak.gate;

import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/** Registers the gate ("Staff MFA: group policy gate"). Stateless, so one instance serves every request. */
public final class StaffMfaGateFactory extends GateFactory {

    public StaffMfaGateFactory() {
        super(new StaffMfaGate(new UserPolicies(), BuiltInFactors.catalog(), BuiltInFactors.challenges()));
    }

    @Override
    public String getId() {
        return StaffMfaIds.GATE;
    }

    @Override
    public String getDisplayType() {
        return "Staff MFA: group policy gate";
    }

    @Override
    public String getHelpText() {
        return "Asks for the second factor the user's groups allow (set in the Staff MFA admin page or API), or sends "
            + "the user to enrolment. Put it as REQUIRED right after the password step.";
    }
}
