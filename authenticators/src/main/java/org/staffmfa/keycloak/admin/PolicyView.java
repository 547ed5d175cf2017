package org.staffmfa.keycloak.admin;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.policy.DurationValue;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.GroupDecision;

/**
 * The effective policy with its explanation: which groups decided it and where each of their values was assigned
 * (the group itself, an ancestor path, or "realm default"). Durations are ISO-8601.
 */
public record PolicyView(String mode, List<String> factors, String recheckInterval, String rememberBrowser,
                         String maxRecheckInterval, String totpMinAlgorithm, boolean fromRealmDefault,
                         List<Decision> decidingGroups,
                         List<Decision> otherGroups, List<String> problems) {

    /** One group's contribution; {@code *From} names where the value was assigned directly. */
    public record Decision(String group, String mode, String modeFrom, List<String> factors, String factorsFrom,
                           String recheckInterval, String recheckIntervalFrom, String rememberBrowser,
                           String rememberBrowserFrom, String totpMinAlgorithm, String totpMinAlgorithmFrom) {

        static Decision of(GroupDecision decision) {
            return new Decision(decision.group(), decision.mode().id(), decision.modeFrom(),
                ids(decision.factors()), decision.factorsFrom(),
                iso(decision.recheckInterval()), decision.recheckIntervalFrom(),
                decision.remember().id(), decision.rememberFrom(),
                decision.appMinAlgorithm().uriName(), decision.appMinAlgorithmFrom());
        }
    }

    static PolicyView of(EffectivePolicy policy) {
        return new PolicyView(policy.mode().id(), ids(policy.factors()), iso(policy.recheckInterval()),
            policy.remember().id(), iso(policy.maxRecheckInterval()), policy.appMinAlgorithm().uriName(),
            policy.fromRealmDefault(),
            policy.decidingGroups().stream().map(Decision::of).toList(),
            policy.otherGroups().stream().map(Decision::of).toList(),
            policy.problems().stream().map(ConfigProblem::describe).toList());
    }

    /** In the order factors are offered. */
    static List<String> ids(Set<Factor> factors) {
        return Stream.of(Factor.values()).filter(factors::contains).map(Factor::id).toList();
    }

    static String iso(Duration duration) {
        return duration == null ? null : DurationValue.write(duration);
    }
}
