package org.staffmfa.keycloak.policy;

import java.util.Optional;

import org.keycloak.models.GroupModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** A Keycloak group as the resolver sees it. Parent and path are looked up only when the resolver walks there. */
final class GroupModelPolicyGroup implements PolicyGroup {

    private final GroupModel group;
    private String path;
    private Optional<PolicyGroup> parent;

    GroupModelPolicyGroup(GroupModel group) {
        this.group = group;
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
        return Optional.ofNullable(group.getFirstAttribute(name));
    }

    @Override
    public Optional<PolicyGroup> parent() {
        if (parent == null) {
            GroupModel parentGroup = group.getParent();
            parent = parentGroup == null ? Optional.empty() : Optional.of(new GroupModelPolicyGroup(parentGroup));
        }
        return parent;
    }
}
