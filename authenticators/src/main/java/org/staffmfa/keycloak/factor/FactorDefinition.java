package org.staffmfa.keycloak.factor;

import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.policy.Factor;

/** A factor this build can enrol and verify, and how to tell whether a user has it set up. */
public interface FactorDefinition {

    Factor factor();

    boolean isConfiguredFor(UserModel user);
}
