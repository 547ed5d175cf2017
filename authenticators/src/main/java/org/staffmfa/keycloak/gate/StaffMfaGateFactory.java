package org.staffmfa.keycloak.gate;

import java.util.List;

import org.staffmfa.keycloak.codes.Channel;
import org.staffmfa.keycloak.codes.CodeDelivery;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.mfa.StaffMfaIds;
import org.staffmfa.keycloak.policy.UserPolicies;

/** Registers the gate ("Staff MFA: group policy gate"). Stateless, so one instance serves every request. */
public final class StaffMfaGateFactory extends GateFactory {

    public StaffMfaGateFactory() {
        super(new StaffMfaGate(new UserPolicies(), FactorCatalog.standard(), List.of(
            new TotpChallenge(),
            new WebAuthnChallenge(),
            new RecoveryCodeChallenge(),
            new CodeChallenge(Channel.SMS, new CodeDelivery()),
            new CodeChallenge(Channel.EMAIL, new CodeDelivery()))));
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
