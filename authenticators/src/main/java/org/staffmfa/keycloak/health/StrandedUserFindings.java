package org.staffmfa.keycloak.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.realmpolicy.GroupTrees;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/**
 * Users who must use MFA, have no usable factor and cannot set one up — the enrolment action is off, or their policy
 * allows nothing a user can set up alone — and so cannot log in at all. Users are read only when some required policy
 * leaves no way to enrol (the rare case), and then at most {@value #SCAN_LIMIT} of them, so that the check stays cheap
 * on large realms.
 */
final class StrandedUserFindings {

    static final int SCAN_LIMIT = 1000;
    private static final int NAMES_SHOWN = 5;

    private StrandedUserFindings() {
    }

    /** @param nameUsers whether the finding may name (up to five of) the users, or only count them */
    static List<Finding> of(KeycloakSession session, RealmModel realm, Map<String, EffectivePolicy> policies,
                            boolean nameUsers) {
        FactorCatalog catalog = BuiltInFactors.catalog();
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(StaffMfaIds.ENROL_ACTION);
        boolean actionUsable = action != null && action.isEnabled();
        Map<String, EffectivePolicy> noWayToEnrol = new LinkedHashMap<>();
        policies.forEach((subject, policy) -> {
            if (policy.mode() == MfaMode.REQUIRED && (!actionUsable || catalog.enrollable(policy).isEmpty())) {
                noWayToEnrol.put(subject, policy);
            }
        });
        if (noWayToEnrol.isEmpty()) {
            return List.of();
        }
        UserPolicies userPolicies = new UserPolicies();
        List<UserModel> read = candidates(session, realm, noWayToEnrol.keySet()).toList();
        List<String> stranded = new ArrayList<>();
        for (UserModel user : read) {
            if (!user.isEnabled() || user.getServiceAccountClientLink() != null) {
                continue;
            }
            EffectivePolicy policy = userPolicies.forUser(session, realm, user);
            if (policy.mode() == MfaMode.REQUIRED && catalog.usable(policy, user).isEmpty()
                && (!actionUsable || catalog.enrollable(policy).isEmpty())) {
                stranded.add(user.getUsername());
            }
        }
        if (stranded.isEmpty()) {
            return List.of();
        }
        String count = (read.size() >= SCAN_LIMIT ? "At least " : "") + stranded.size() + " user" + (stranded.size() == 1 ? "" : "s");
        String names = !nameUsers ? "" : " (" + String.join(", ", stranded.subList(0, Math.min(NAMES_SHOWN, stranded.size())))
            + (stranded.size() > NAMES_SHOWN ? ", …" : "") + ")";
        String why = !actionUsable ? "the enrolment action '" + StaffMfaIds.ENROL_ACTION + "' is "
            + (action == null ? "not registered" : "disabled")
            : "their policy allows no factor a user can set up (" + String.join(", ", noWayToEnrol.keySet()) + ")";
        return List.of(Finding.warning("required-users-cannot-enrol", realm.getName(),
            count + names + " must use MFA, have no factor their policy allows and cannot set one up, because " + why
                + ": they cannot log in.",
            !actionUsable ? "Register and enable the enrolment action (the finding about it has a Fix button)."
                : "Allow a factor users can set up (totp, webauthn, sms or email), or set one up for them."));
    }

    /** Everyone (when the realm default strands users), else the members of the stranding groups and their subgroups. */
    private static Stream<UserModel> candidates(KeycloakSession session, RealmModel realm, java.util.Set<String> stranding) {
        if (stranding.contains(FactorFindings.realmDefault(realm))) {
            return session.users().searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), 0, SCAN_LIMIT);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        return GroupPolicyStore.groupIds(realm).stream()
            .map(realm::getGroupById)
            .filter(group -> group != null && stranding.contains(KeycloakModelUtils.buildGroupPath(group)))
            .flatMap(GroupTrees::withSubGroups)
            .flatMap(group -> session.users().getGroupMembersStream(realm, group, 0, SCAN_LIMIT))
            .filter(user -> seen.add(user.getId()))
            .limit(SCAN_LIMIT);
    }

}
