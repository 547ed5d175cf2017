package org.staffmfa.keycloak.adoption;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.EnrolmentDeadline;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/**
 * How far MFA has got in a realm: per user what the policy asks and what they have, per group (a group counts the
 * members of its subgroups too, as its policy reaches them) and in total. A factor counts as "set up" when the user's
 * policy allows it (a factor switched off realm-wide, or not allowed in the user's groups, does not let them in).
 */
public final class AdoptionReport {

    /** One user: their mode, their stored factors, whether one of them counts, skips, exemption, deadline passed. */
    public record UserStatus(AdoptionFacts.Person person, MfaMode mode, Set<Factor> factors, Set<OtpAlgorithm> appAlgorithms,
                             boolean hasFactor, int skips, boolean exempt, boolean pastDeadline) {
    }

    /**
     * Counts over a set of users; {@code byFactor} counts users with a stored factor of each kind, {@code appsByAlgorithm}
     * users with an authenticator app of each algorithm (SHA1, SHA256, SHA512: Keycloak plans to drop SHA-1).
     */
    public record Stats(int users, int mfaAsked, int withFactor, int withoutFactor, Map<String, Integer> byFactor,
                        Map<String, Integer> appsByAlgorithm, int skipped, int skips, int exempt, int pastDeadline) {
    }

    public record GroupRow(String id, String path, Stats stats) {
    }

    private final Map<String, UserStatus> statuses;
    private final Map<String, List<String>> membersByGroup;
    private final Map<String, String> pathsByGroup;

    private AdoptionReport(Map<String, UserStatus> statuses, Map<String, List<String>> membersByGroup,
                           Map<String, String> pathsByGroup) {
        this.statuses = statuses;
        this.membersByGroup = membersByGroup;
        this.pathsByGroup = pathsByGroup;
    }

    public static AdoptionReport of(KeycloakSession session, RealmModel realm, AdoptionFacts facts, Instant now) {
        Map<String, GroupModel> groups = new HashMap<>();
        realm.getGroupsStream().forEach(group -> groups.put(group.getId(), group));
        UserPolicies policies = new UserPolicies();
        // Users in the same groups share a policy: resolve it once per distinct set of groups.
        Map<List<String>, EffectivePolicy> byGroupSet = new HashMap<>();
        Map<String, UserStatus> statuses = new LinkedHashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        for (AdoptionFacts.Person person : facts.users().values()) {
            List<String> own = facts.groupIdsByUser().getOrDefault(person.id(), Set.of()).stream()
                .filter(groups::containsKey).sorted().toList();
            EffectivePolicy policy = byGroupSet.computeIfAbsent(own,
                ids -> policies.forMemberOfAll(session, realm, ids.stream().map(groups::get).toList()));
            Set<Factor> stored = facts.factorsByUser().getOrDefault(person.id(), Set.of());
            boolean hasFactor = stored.stream().anyMatch(policy::allows);
            int skips = facts.skipsByUser().getOrDefault(person.id(), 0);
            boolean exempt = facts.exemptUsers().contains(person.id());
            // Disabled accounts cannot log in: they are nobody's follow-up.
            boolean pastDeadline = !hasFactor && !exempt && person.enabled() && pastDeadline(policy, now, skips);
            statuses.put(person.id(), new UserStatus(person, policy.mode(), stored.isEmpty() ? Set.of() : EnumSet.copyOf(stored),
                facts.appAlgorithmsByUser().getOrDefault(person.id(), Set.of()), hasFactor, skips, exempt, pastDeadline));
            for (String groupId : own) {
                for (GroupModel group = groups.get(groupId); group != null; group = groups.get(group.getParentId())) {
                    List<String> list = members.computeIfAbsent(group.getId(), id -> new ArrayList<>());
                    if (list.isEmpty() || !list.get(list.size() - 1).equals(person.id())) {
                        list.add(person.id());
                    }
                    if (group.getParentId() == null) {
                        break;
                    }
                }
            }
        }
        Map<String, String> paths = new TreeMap<>();
        groups.values().forEach(group -> paths.put(group.getId(), KeycloakModelUtils.buildGroupPath(group)));
        members.replaceAll((id, list) -> list.stream().distinct().toList());
        return new AdoptionReport(statuses, members, paths);
    }

    /**
     * A user without a factor whose time to skip is over: allowed mode past its deadline or last skip; required mode
     * with a grace that has ended, or whose deadline or last skip came within it. (Required mode without a grace has no
     * deadline: such users enrol at their next login.)
     */
    private static boolean pastDeadline(EffectivePolicy policy, Instant now, int skips) {
        EnrolmentDeadline deadline = policy.deadline();
        return switch (policy.mode()) {
            case ALLOWED -> deadline.enrolmentMode(MfaMode.ALLOWED, now, skips) == MfaMode.REQUIRED;
            case REQUIRED -> deadline.graceUntil().isPresent()
                && deadline.enrolmentMode(MfaMode.REQUIRED, now, skips) == MfaMode.REQUIRED;
            default -> false;
        };
    }

    public Stats totals() {
        return stats(statuses.values());
    }

    /** Every group with members (directly or in a subgroup), by path. */
    public List<GroupRow> groups() {
        List<GroupRow> rows = new ArrayList<>();
        membersByGroup.forEach((id, memberIds) -> rows.add(new GroupRow(id, pathsByGroup.get(id),
            stats(memberIds.stream().map(statuses::get).toList()))));
        rows.sort(Comparator.comparing(GroupRow::path));
        return rows;
    }

    /** The users of a group (with its subgroups), or of the realm when {@code groupId} is null. */
    public List<UserStatus> users(String groupId) {
        if (groupId == null) {
            return List.copyOf(statuses.values());
        }
        return membersByGroup.getOrDefault(groupId, List.of()).stream().map(statuses::get).toList();
    }

    public boolean knowsGroup(String groupId) {
        return pathsByGroup.containsKey(groupId);
    }

    private static Stats stats(java.util.Collection<UserStatus> users) {
        Map<String, Integer> byFactor = new LinkedHashMap<>();
        for (Factor factor : Factor.values()) {
            byFactor.put(factor.id(), 0);
        }
        Map<String, Integer> byAlgorithm = new LinkedHashMap<>();
        for (OtpAlgorithm algorithm : OtpAlgorithm.values()) {
            byAlgorithm.put(algorithm.uriName(), 0);
        }
        int asked = 0;
        int with = 0;
        int skipped = 0;
        int skips = 0;
        int exempt = 0;
        int past = 0;
        for (UserStatus user : users) {
            user.factors().forEach(factor -> byFactor.merge(factor.id(), 1, Integer::sum));
            user.appAlgorithms().forEach(algorithm -> byAlgorithm.merge(algorithm.uriName(), 1, Integer::sum));
            asked += user.mode() == MfaMode.OFF ? 0 : 1;
            with += user.hasFactor() ? 1 : 0;
            skipped += user.skips() > 0 ? 1 : 0;
            skips += user.skips();
            exempt += user.exempt() ? 1 : 0;
            past += user.pastDeadline() ? 1 : 0;
        }
        return new Stats(users.size(), asked, with, users.size() - with, byFactor, byAlgorithm, skipped, skips, exempt, past);
    }
}
