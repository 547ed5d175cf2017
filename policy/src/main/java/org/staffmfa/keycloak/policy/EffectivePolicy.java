package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The MFA policy that applies to one user.
 *
 * @param mode             strongest mode of the user's groups, or the realm default
 * @param factors          factors allowed: union over the groups that set {@code mode}
 * @param recheckInterval  shortest interval of those groups, capped by the realm's maximum
 * @param remember         strictest remember setting of those groups
 * @param maxRecheckInterval the realm's cap, which {@code recheckInterval} already respects
 * @param decidingGroups   the groups that set {@code mode}; empty when the realm default applies
 * @param otherGroups      the user's other MFA groups, which a stronger mode outranked
 * @param problems         settings that could not be read and were taken strictly
 * @param deadline         how long users without a factor may put enrolment off: the strictest of the deciding groups
 * @param appMinAlgorithm  the weakest algorithm an authenticator app may use: the strongest minimum of the deciding
 *                         groups, {@code SHA1} when none sets one
 */
public record EffectivePolicy(
    MfaMode mode,
    Set<Factor> factors,
    Duration recheckInterval,
    RememberBrowser remember,
    Duration maxRecheckInterval,
    List<GroupDecision> decidingGroups,
    List<GroupDecision> otherGroups,
    List<ConfigProblem> problems,
    EnrolmentDeadline deadline,
    OtpAlgorithm appMinAlgorithm) {

    public EffectivePolicy {
        factors = Set.copyOf(factors);
        decidingGroups = List.copyOf(decidingGroups);
        otherGroups = List.copyOf(otherGroups);
        problems = List.copyOf(problems);
    }

    public boolean fromRealmDefault() {
        return decidingGroups.isEmpty();
    }

    /** An app with this algorithm must be replaced. */
    public boolean appTooWeak(OtpAlgorithm algorithm) {
        return algorithm.weakerThan(appMinAlgorithm);
    }

    public boolean allows(Factor factor) {
        return factors.contains(factor);
    }
}
