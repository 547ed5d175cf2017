package org.staffmfa.keycloak.factor;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.staffmfa.keycloak.policy.Factor;

/** How the gate asks for one factor and checks the answer. */
public interface FactorChallenge {

    Factor factor();

    /** The credential type Keycloak records as used when the factor is passed, e.g. {@code otp}. */
    String credentialType();

    /** Shows the factor's page. */
    void show(AuthenticationFlowContext context, FactorPage view);

    /**
     * Checks the posted answer. On failure the challenge has already shown the page again with a message (and
     * reported the failure so that brute-force protection counts it).
     *
     * @return true when the factor was passed
     */
    boolean verify(AuthenticationFlowContext context, FactorPage view);

    /** Whether passing this factor may remember the browser for the recheck interval. */
    default boolean mayRememberBrowser() {
        return true;
    }

    /** Runs once the factor is passed, before the gate lets the user through. */
    default void afterPassed(AuthenticationFlowContext context) {
    }
}
