package org.staffmfa.keycloak.factor;

import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.policy.Factor;

/** A factor this build can enrol and verify, and how to tell whether a user has it set up. */
public interface FactorDefinition {

    Factor factor();

    boolean isConfiguredFor(UserModel user);

    /**
     * Whether a user can enrol this factor as their only one. Recovery codes cannot: they are a way back in when the
     * real factor is lost, handed out once another factor is set up.
     */
    default boolean canBeFirstFactor() {
        return true;
    }
}
