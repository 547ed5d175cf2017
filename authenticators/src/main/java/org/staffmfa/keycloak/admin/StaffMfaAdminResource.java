package org.staffmfa.keycloak.admin;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * The extension's admin REST API under {@code /admin/realms/{realm}/staff-mfa}: group policies, client exemptions,
 * one user's MFA, realm settings, the one-step set-up and its health. Every change is an admin event (see {@link MfaAdminEvents});
 * bad input is a 400 with {@code {"error": "invalid_request", "error_description": "..."}} and changes nothing.
 */
public final class StaffMfaAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;
    private final CallerCheck callerCheck;

    /**
     * @param callerCheck the first step of every part of the API: the caller's own MFA policy
     *                    ({@link CallerSecondFactor}). Decided by the operation reached, never by the URL's shape; the one
     *                    operation that goes without is ending a suspension ({@link EmergencyResource#endSuspension()}).
     */
    StaffMfaAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                          CallerCheck callerCheck) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = new MfaAdminEvents(session, adminEvent);
        this.callerCheck = callerCheck;
    }

    @Path("groups")
    public GroupPolicyResource groups() {
        callerCheck.require();
        return new GroupPolicyResource(session, realm, auth, events);
    }

    @Path("clients")
    public ClientExemptionResource clients() {
        callerCheck.require();
        return new ClientExemptionResource(realm, auth, events);
    }

    @Path("settings")
    public RealmMfaSettingsResource settings() {
        callerCheck.require();
        return new RealmMfaSettingsResource(realm, auth, events);
    }

    @Path("code-settings")
    public CodeSettingsResource codeSettings() {
        callerCheck.require();
        return new CodeSettingsResource(session, realm, auth, events);
    }

    @Path("adoption")
    public AdoptionResource adoption() {
        callerCheck.require();
        return new AdoptionResource(session, realm, auth);
    }

    @Path("secrets")
    public SecretsResource secrets() {
        callerCheck.require();
        return new SecretsResource(session, realm, auth, events);
    }

    @Path("setup")
    public SetupResource setup() {
        callerCheck.require();
        return new SetupResource(session, realm, auth, events);
    }

    @Path("emergency")
    public EmergencyResource emergency() {
        return new EmergencyResource(session, realm, auth, events, callerCheck);
    }

    @Path("health")
    public HealthResource health() {
        callerCheck.require();
        return new HealthResource(session, realm, auth, events);
    }

    @Path("users/{userId}")
    public UserMfaResource user(@PathParam("userId") String userId) {
        callerCheck.require();
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        return new UserMfaResource(session, realm, auth, events, user);
    }
}
