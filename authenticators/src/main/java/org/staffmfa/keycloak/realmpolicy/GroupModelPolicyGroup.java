package org.staffmfa.keycloak.realmpolicy;

import java.util.Optional;
import java.util.function.Consumer;

import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.policy.PolicyGroup;

/**
 * A Keycloak group as the resolver sees it: its settings from the {@link GroupPolicyStore}. Parent and path are looked
 * up only when the resolver walks there. MFA settings left as group attributes (which anyone managing groups could
 * edit) are not read; they are reported so that an administrator notices.
 */
final class GroupModelPolicyGroup implements PolicyGroup {

    static final String IGNORED = "nothing from it (group attributes are not read: MFA settings are made through the "
        + "Staff MFA admin API or page)";

    private final RealmModel realm;
    private final GroupModel group;
    private final Consumer<ConfigProblem> problems;
    private String path;
    private Optional<PolicyGroup> parent;

    GroupModelPolicyGroup(RealmModel realm, GroupModel group, Consumer<ConfigProblem> problems) {
        this.realm = realm;
        this.group = group;
        this.problems = problems;
    }

    @Override
    public String path() {
        if (path == null) {
            path = KeycloakModelUtils.buildGroupPath(group);
        }
        return path;
    }

    @Override
    public Optional<String> attribute(String name) {
        String leftOver = group.getFirstAttribute(name);
        if (leftOver != null && !leftOver.isBlank()) {
            problems.accept(new ConfigProblem(path(), name, leftOver, IGNORED));
        }
        return GroupPolicyStore.get(realm, group.getId(), name);
    }

    @Override
    public Optional<PolicyGroup> parent() {
        if (parent == null) {
            GroupModel parentGroup = group.getParent();
            parent = parentGroup == null ? Optional.empty()
                : Optional.of(new GroupModelPolicyGroup(realm, parentGroup, problems));
        }
        return parent;
    }
}
