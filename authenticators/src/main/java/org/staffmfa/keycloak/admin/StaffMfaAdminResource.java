package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import jakarta.ws.rs.ForbiddenException;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.exemption.UserExemption;
import org.staffmfa.keycloak.exemption.UserExemptions;
import org.staffmfa.keycloak.remember.RememberSalt;

/**
 * The extension's admin REST API under {@code /admin/realms/{realm}/staff-mfa}. Every change is an admin event of
 * resource type USER whose path ends in {@code /staff-mfa/...}; bad input is a 400 with
 * {@code {"error": "...", "error_description": "..."}} and changes nothing.
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
        UserModel user = user(userId);
        auth.users().requireManage(user);
        RememberSalt.rotate(user);
        event(OperationType.DELETE, user, "revoke-remembered-browsers", null, "remembered-browsers");
        return Response.noContent().build();
    }

    @GET
    @Path("users/{userId}/exemptions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ExemptionRepresentation> exemptions(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireView(user);
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        return UserExemptions.list(user).stream().map(exemption -> ExemptionRepresentation.of(exemption, now)).toList();
    }

    /** Grants an exemption; only MFA administrators, and never to themselves. */
    @POST
    @Path("users/{userId}/exemptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response grantExemption(@PathParam("userId") String userId, ExemptionRequest request) {
        UserModel user = user(userId);
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        auth.users().requireView(user);
        if (auth.adminAuth().getUser().getId().equals(user.getId())) {
            throw new ForbiddenException("An administrator cannot grant an MFA exemption to themself");
        }
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        ExemptionRequestValidator.Valid valid;
        try {
            valid = ExemptionRequestValidator.validate(realm, request, now);
        } catch (ExemptionRequestValidator.BadInput e) {
            return badRequest(e.getMessage());
        }
        UserExemption exemption = UserExemptions.grant(user, valid.clients(), valid.expires(), valid.reason(),
            auth.adminAuth().getUser().getUsername());
        ExemptionRepresentation representation = ExemptionRepresentation.of(exemption, now);
        event(OperationType.CREATE, user, "grant-exemption", representation, "exemptions", exemption.id());
        return Response.status(Response.Status.CREATED).entity(representation).build();
    }

    @DELETE
    @Path("users/{userId}/exemptions/{exemptionId}")
    public Response revokeExemption(@PathParam("userId") String userId, @PathParam("exemptionId") String exemptionId) {
        UserModel user = user(userId);
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        auth.users().requireView(user);
        if (!UserExemptions.revoke(user, exemptionId)) {
            throw new NotFoundException("Exemption not found");
        }
        event(OperationType.DELETE, user, "revoke-exemption", null, "exemptions", exemptionId);
        return Response.noContent().build();
    }

    private UserModel user(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        return user;
    }

    /** Resource type USER (not a custom one): the admin console can filter by it, and the path says what changed. */
    private void event(OperationType operation, UserModel user, String action, Object representation, String... path) {
        String[] fullPath = new String[path.length + 3];
        fullPath[0] = "users";
        fullPath[1] = user.getId();
        fullPath[2] = "staff-mfa";
        System.arraycopy(path, 0, fullPath, 3, path.length);
        AdminEventBuilder event = adminEvent.clone(session)
            .operation(operation)
            .resource(ResourceType.USER)
            .resourcePath(fullPath)
            .detail(ACTION_DETAIL, action)
            .detail("username", user.getUsername());
        if (representation != null) {
            event.representation(representation);
        }
        event.success();
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST)
            .entity(Map.of("error", "invalid_request", "error_description", message))
            .type(MediaType.APPLICATION_JSON_TYPE)
            .build();
    }
}
