package org.staffmfa.keycloak.realmpolicy;

import java.util.stream.Stream;

import org.keycloak.models.GroupModel;

/** A group and everything below it: the groups a setting on it reaches by inheritance. */
public final class GroupTrees {

    private GroupTrees() {
    }

    public static Stream<GroupModel> withSubGroups(GroupModel group) {
        return Stream.concat(Stream.of(group), group.getSubGroupsStream().flatMap(GroupTrees::withSubGroups));
    }
}
