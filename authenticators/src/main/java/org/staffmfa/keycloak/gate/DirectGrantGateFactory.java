package org.staffmfa.keycloak.gate;

import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/** Registers "Staff MFA: direct grant gate" for the direct grant (password grant) flow. */
public final class DirectGrantGateFactory extends GateFactory {

    public DirectGrantGateFactory() {
        super(new DirectGrantGate(new UserPolicies(), BuiltInFactors.catalog()));
    }

    @Override
    public String getId() {
        return StaffMfaIds.DIRECT_GRANT_GATE;
    }

    @Override
    public String getDisplayType() {
        return "Staff MFA: direct grant gate";
    }

    @Override
    public String getHelpText() {
        return "Applies the users' group MFA policy to the password grant: users who need a second factor send the "
            + "code in the 'otp' parameter, unless the client or user is exempt. Put it as REQUIRED after "
            + "'Password' in the direct grant flow.";
    }
}
