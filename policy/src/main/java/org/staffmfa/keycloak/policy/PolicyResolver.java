package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Works out a user's MFA policy from the groups the user is a member of, walking only up from those groups.
 *
 * <ul>
 *   <li>Each of mode, factors and recheck interval is taken from the nearest group on the way up that assigns it
 *       directly; a value on a subgroup therefore wins over its ancestors' (and can re-allow a factor they removed).</li>
 *   <li>Groups whose tree sets no mode do not count. Of the others the strongest mode wins; the allowed factors are
 *       the union, and the recheck interval the shortest, of the groups with that mode.</li>
 *   <li>Users whom no group gives a mode get the realm defaults; MFA groups without factors, interval or remember
 *       setting in their tree get the realm's defaults for them.</li>
 *   <li>The remember setting is the strictest of the deciding groups (never &gt; offer &gt; always); the interval
 *       never exceeds the realm's cap (30 days unless set).</li>
 *   <li>The weakest algorithm an authenticator app may use is the strongest minimum of the deciding groups
 *       ({@code SHA1} unless one sets more).</li>
 *   <li>Factors switched off realm-wide ({@link PolicyAttributes#DISABLED_FACTORS}, an emergency switch) are allowed
 *       by no policy, whatever the groups say.</li>
 * </ul>
 */
public final class PolicyResolver {

    /** Guards against a corrupt parent chain; real group trees are far shallower. */
    private static final int MAX_DEPTH = 256;

    /**
     * @param realmAttribute reads a realm attribute ({@link PolicyAttributes#DEFAULT_MODE} and friends)
     * @param memberships    the groups the user is a direct member of
     */
    public EffectivePolicy resolve(Function<String, Optional<String>> realmAttribute,
                                   Collection<? extends PolicyGroup> memberships) {
        SettingParser parser = new SettingParser();
        PolicyDefaults defaults = readDefaults(parser, realmAttribute);

        List<GroupDecision> decisions = new ArrayList<>();
        for (PolicyGroup group : memberships) {
            decide(parser, defaults, group).ifPresent(decisions::add);
        }
        Duration cap = defaults.maxRecheckInterval();
        Set<Factor> disabled = nonBlank(realmAttribute.apply(PolicyAttributes.DISABLED_FACTORS))
            .map(value -> parser.factors(PolicyAttributes.REALM_DEFAULT_SOURCE, PolicyAttributes.DISABLED_FACTORS, value))
            .orElse(Set.of());
        if (decisions.isEmpty()) {
            return new EffectivePolicy(defaults.mode(), without(defaults.factors(), disabled),
                min(defaults.recheckInterval(), cap), defaults.remember(), cap, List.of(), List.of(), parser.problems(),
                EnrolmentDeadline.NONE, OtpAlgorithm.SHA1);
        }

        MfaMode strongest = decisions.stream().map(GroupDecision::mode).max(Comparator.naturalOrder()).orElseThrow();
        List<GroupDecision> deciding = decisions.stream().filter(d -> d.mode() == strongest).toList();
        List<GroupDecision> others = decisions.stream().filter(d -> d.mode() != strongest).toList();
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        deciding.forEach(d -> factors.addAll(d.factors()));
        Duration interval = deciding.stream().map(GroupDecision::recheckInterval).min(Comparator.naturalOrder()).orElseThrow();
        RememberBrowser remember = deciding.stream().map(GroupDecision::remember)
            .reduce(RememberBrowser.ALWAYS, RememberBrowser::stricter);
        EnrolmentDeadline deadline = EnrolmentDeadline.strictest(deciding.stream().map(GroupDecision::deadline).toList());
        OtpAlgorithm appMinimum = deciding.stream().map(GroupDecision::appMinAlgorithm)
            .reduce(OtpAlgorithm.SHA1, OtpAlgorithm::stronger);
        return new EffectivePolicy(strongest, without(factors, disabled), min(interval, cap), remember, cap, deciding,
            others, parser.problems(), deadline, appMinimum);
    }

    private static Set<Factor> without(Set<Factor> factors, Set<Factor> disabled) {
        Set<Factor> left = factors.isEmpty() ? EnumSet.noneOf(Factor.class) : EnumSet.copyOf(factors);
        left.removeAll(disabled);
        return left;
    }

    private static PolicyDefaults readDefaults(SettingParser parser, Function<String, Optional<String>> realmAttribute) {
        String source = PolicyAttributes.REALM_DEFAULT_SOURCE;
        PolicyDefaults builtIn = PolicyDefaults.BUILT_IN;
        MfaMode mode = nonBlank(realmAttribute.apply(PolicyAttributes.DEFAULT_MODE))
            .map(value -> parser.mode(source, PolicyAttributes.DEFAULT_MODE, value))
            .orElse(builtIn.mode());
        Set<Factor> factors = nonBlank(realmAttribute.apply(PolicyAttributes.DEFAULT_FACTORS))
            .map(value -> parser.factors(source, PolicyAttributes.DEFAULT_FACTORS, value))
            .orElse(builtIn.factors());
        Duration interval = nonBlank(realmAttribute.apply(PolicyAttributes.DEFAULT_RECHECK_INTERVAL))
            .map(value -> parser.interval(source, PolicyAttributes.DEFAULT_RECHECK_INTERVAL, value))
            .orElse(builtIn.recheckInterval());
        RememberBrowser remember = nonBlank(realmAttribute.apply(PolicyAttributes.DEFAULT_REMEMBER_BROWSER))
            .map(value -> parser.remember(source, PolicyAttributes.DEFAULT_REMEMBER_BROWSER, value))
            .orElse(builtIn.remember());
        Duration cap = nonBlank(realmAttribute.apply(PolicyAttributes.MAX_RECHECK_INTERVAL))
            .map(value -> parser.interval(source, PolicyAttributes.MAX_RECHECK_INTERVAL, value))
            .orElse(builtIn.maxRecheckInterval());
        return new PolicyDefaults(mode, factors, interval, remember, cap);
    }

    private static Optional<GroupDecision> decide(SettingParser parser, PolicyDefaults defaults, PolicyGroup group) {
        Optional<Assigned> mode = nearest(group, PolicyAttributes.MODE);
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        Optional<Assigned> factors = nearest(group, PolicyAttributes.FACTORS);
        Optional<Assigned> interval = nearest(group, PolicyAttributes.RECHECK_INTERVAL);
        Optional<Assigned> remember = nearest(group, PolicyAttributes.REMEMBER_BROWSER);
        Optional<Assigned> enrolBy = nearest(group, PolicyAttributes.ENROL_BY);
        Optional<Assigned> maxSkips = nearest(group, PolicyAttributes.MAX_SKIPS);
        Optional<Assigned> graceUntil = nearest(group, PolicyAttributes.GRACE_UNTIL);
        Optional<Assigned> appMinimum = nearest(group, PolicyAttributes.TOTP_MIN_ALGORITHM);
        EnrolmentDeadline deadline = new EnrolmentDeadline(
            enrolBy.flatMap(a -> parser.instant(a.source(), PolicyAttributes.ENROL_BY, a.value(), Optional.of(java.time.Instant.EPOCH))),
            maxSkips.map(a -> java.util.OptionalInt.of(parser.skips(a.source(), PolicyAttributes.MAX_SKIPS, a.value())))
                .orElse(java.util.OptionalInt.empty()),
            graceUntil.flatMap(a -> parser.instant(a.source(), PolicyAttributes.GRACE_UNTIL, a.value(), Optional.empty())));
        String realm = PolicyAttributes.REALM_DEFAULT_SOURCE;
        return Optional.of(new GroupDecision(
            group.path(),
            parser.mode(mode.get().source(), PolicyAttributes.MODE, mode.get().value()),
            mode.get().source(),
            factors.map(a -> parser.factors(a.source(), PolicyAttributes.FACTORS, a.value())).orElse(defaults.factors()),
            factors.map(Assigned::source).orElse(realm),
            interval.map(a -> parser.interval(a.source(), PolicyAttributes.RECHECK_INTERVAL, a.value()))
                .orElse(defaults.recheckInterval()),
            interval.map(Assigned::source).orElse(realm),
            remember.map(a -> parser.remember(a.source(), PolicyAttributes.REMEMBER_BROWSER, a.value()))
                .orElse(defaults.remember()),
            remember.map(Assigned::source).orElse(realm),
            deadline,
            appMinimum.map(a -> parser.appAlgorithm(a.source(), PolicyAttributes.TOTP_MIN_ALGORITHM, a.value()))
                .orElse(OtpAlgorithm.SHA1),
            appMinimum.map(Assigned::source).orElse(realm)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The value assigned directly on the group or its nearest ancestor that has one. */
    private static Optional<Assigned> nearest(PolicyGroup group, String attribute) {
        Optional<PolicyGroup> current = Optional.of(group);
        for (int depth = 0; current.isPresent() && depth < MAX_DEPTH; depth++) {
            PolicyGroup candidate = current.get();
            Optional<String> value = nonBlank(candidate.attribute(attribute));
            if (value.isPresent()) {
                return Optional.of(new Assigned(value.get(), candidate.path()));
            }
            current = candidate.parent();
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    private record Assigned(String value, String source) {
    }
}
