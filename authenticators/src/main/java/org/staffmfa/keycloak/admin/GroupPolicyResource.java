package org.staffmfa.keycloak.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/**
 * {@code /admin/realms/{realm}/staff-mfa/groups}: the MFA settings each group assigns directly, and the policy a member
 * of only that group gets. Changing them needs {@value MfaAdminRoles#MANAGE_MFA}; reading, that or the right to view
 * groups.
 */
public final class GroupPolicyResource {

    /** A group with its own settings and what a member of only this group gets. */
    public record GroupView(String id, String path, GroupSettings settings, PolicyView effective) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;
    private final UserPolicies policies = new UserPolicies();

    GroupPolicyResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    /** Every group that assigns at least one MFA setting, by path. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<GroupView> list() {
        requireRead(null);
        return GroupPolicyStore.groupIds(realm).stream()
            .map(realm::getGroupById)
            .filter(Objects::nonNull)
            .map(this::view)
            .sorted((a, b) -> a.path().compareTo(b.path()))
            .toList();
    }

    @GET
    @Path("{groupId}")
    @Produces(MediaType.APPLICATION_JSON)
    public GroupView get(@PathParam("groupId") String groupId) {
        GroupModel group = group(groupId);
        requireRead(group);
        return view(group);
    }

    /** Replaces the group's own settings; a null or missing value is inherited. */
    @PUT
    @Path("{groupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public GroupView put(@PathParam("groupId") String groupId, GroupSettings settings) {
        GroupModel group = group(groupId);
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        Map<String, String> valid = GroupSettingsValidator.validate(settings);
        GroupPolicyStore.replace(realm, group.getId(), valid);
        GroupView view = view(group);
        events.group(OperationType.UPDATE, group, "set-group-policy", view.settings());
        return view;
    }

    /** Removes all of the group's own settings: it inherits everything. */
    @DELETE
    @Path("{groupId}")
    public void delete(@PathParam("groupId") String groupId) {
        GroupModel group = group(groupId);
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        GroupPolicyStore.remove(realm, group.getId());
        events.group(OperationType.DELETE, group, "clear-group-policy", null);
    }

    private GroupView view(GroupModel group) {
        return new GroupView(group.getId(), KeycloakModelUtils.buildGroupPath(group),
            GroupSettings.of(GroupPolicyStore.of(realm, group.getId())),
            PolicyView.of(policies.forMemberOf(session, realm, group)));
    }

    private GroupModel group(String groupId) {
        GroupModel group = realm.getGroupById(groupId);
        if (group == null) {
            requireRead(null);
            throw new NotFoundException("Group not found");
        }
        return group;
    }

    private void requireRead(GroupModel group) {
        MfaAdminRoles.requireViewOrManageMfa(auth, realm,
            group == null ? auth.groups().canView() : auth.groups().canView(group), "groups");
    }
}
