package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.util.Set;

/**
 * What one of the user's groups contributes, and where each value was assigned directly: the group itself, an
 * ancestor, or {@value PolicyAttributes#REALM_DEFAULT_SOURCE}. This is the answer to "why does this user get this
 * policy?".
 */
public record GroupDecision(
    String group,
    MfaMode mode, String modeFrom,
    Set<Factor> factors, String factorsFrom,
    Duration recheckInterval, String recheckIntervalFrom,
    RememberBrowser remember, String rememberFrom,
    EnrolmentDeadline deadline,
    OtpAlgorithm appMinAlgorithm, String appMinAlgorithmFrom) {

    public GroupDecision {
        factors = Set.copyOf(factors);
    }
}
