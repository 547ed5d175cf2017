package org.staffmfa.keycloak.factor;

import org.keycloak.authentication.RequiredActionContext;
import org.staffmfa.keycloak.policy.Factor;

/** Enrolment of one factor: show its page, then take the user's confirmation. */
public interface EnrolmentStep {

    Factor factor();

    void show(RequiredActionContext context, EnrolmentPage view);

    /** @return true once the factor is set up and confirmed; otherwise the step has shown its page again */
    boolean confirm(RequiredActionContext context, EnrolmentPage view);
}
