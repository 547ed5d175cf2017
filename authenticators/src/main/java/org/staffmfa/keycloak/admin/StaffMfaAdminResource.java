package org.staffmfa.keycloak.admin;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.remember.RememberSalt;

/**
 * The extension's admin REST API under {@code /admin/realms/{realm}/staff-mfa}. Every change is an admin event of
 * resource type USER whose path ends in {@code /staff-mfa/...}.
 */
public final class StaffMfaAdminResource {

    /** Detail naming what the extension did, on admin events of resource type USER. */
    public static final String ACTION_DETAIL = "staff_mfa_action";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    StaffMfaAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** Forgets every browser the user asked to be remembered: the next login on each asks for the second factor. */
    @DELETE
    @Path("users/{userId}/remembered-browsers")
    public Response revokeRememberedBrowsers(@PathParam("userId") String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        auth.users().requireManage(user);
        RememberSalt.rotate(user);
        // Resource type USER (not a custom one): the admin console can filter by it, and the path says what changed.
        adminEvent.clone(session)
            .operation(OperationType.DELETE)
            .resource(ResourceType.USER)
            .resourcePath("users", user.getId(), "staff-mfa", "remembered-browsers")
            .detail(ACTION_DETAIL, "revoke-remembered-browsers")
            .detail("username", user.getUsername())
            .success();
        return Response.noContent().build();
    }
}
