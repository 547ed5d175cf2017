package org.staffmfa.keycloak.factor.recovery;

import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.factor.FactorDefinition;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Keycloak's recovery codes as a factor: set up while at least one code is left, and never a first factor — they are
 * a way back in when the real factor is lost, handed out once another factor is set up.
 */
public final class RecoveryCodesDefinition implements FactorDefinition {

    @Override
    public Factor factor() {
        return Factor.RECOVERY_CODES;
    }

    @Override
    public boolean isConfiguredFor(UserModel user) {
        return RecoveryCodes.remaining(user) > 0;
    }

    @Override
    public boolean canBeFirstFactor() {
        return false;
    }
}
