package org.staffmfa.keycloak.enrolment;

import org.keycloak.authentication.RequiredActionContext;
import org.staffmfa.keycloak.policy.Factor;

/** Enrolment of one factor: show its page, then take the user's confirmation. */
interface EnrolmentStep {

    Factor factor();

    void show(RequiredActionContext context, EnrolmentView view);

    /** @return true once the factor is set up and confirmed; otherwise the step has shown its page again */
    boolean confirm(RequiredActionContext context, EnrolmentView view);
}
