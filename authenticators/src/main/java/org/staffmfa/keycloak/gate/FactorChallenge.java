package org.staffmfa.keycloak.gate;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.staffmfa.keycloak.policy.Factor;

/** How the gate asks for one factor and checks the answer. */
interface FactorChallenge {

    Factor factor();

    /** Shows the factor's page. */
    void show(AuthenticationFlowContext context, GateView view);

    /** Checks the posted answer: {@code context.success(..)} or a failure challenge that keeps the login. */
    void verify(AuthenticationFlowContext context, GateView view);
}
