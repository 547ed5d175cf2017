package org.staffmfa.keycloak.admin;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.health.Finding;
import org.staffmfa.keycloak.health.RealmHealthCheck;
import org.staffmfa.keycloak.setup.SetupFixes;

/**
 * {@code GET /admin/realms/{realm}/staff-mfa/health}: the holes in the realm's MFA set-up, critical first. Reading it
 * needs the right to view the realm (it lists flows and clients) or {@value MfaAdminRoles#MANAGE_MFA};
 * {@code POST …/health/fixes/{findingId}} fixes a finding marked {@code fixable} and needs {@code manage-realm}.
 */
public final class HealthResource {

    /** The answer: counts by severity, then every finding. */
    public record HealthReport(String realm, long critical, long warnings, List<Finding> findings) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;

    HealthResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public HealthReport get() {
        MfaAdminRoles.requireViewOrManageMfa(auth, realm, auth.realm().canViewRealm(), "the realm");
        List<Finding> findings = RealmHealthCheck.run(session, realm, auth.users().canView());
        long critical = findings.stream().filter(finding -> finding.severity() == Finding.Severity.CRITICAL).count();
        return new HealthReport(realm.getName(), critical, findings.size() - critical, findings);
    }

    /** Fixes one kind of finding; answers what changed (nothing when it was fixed already). */
    @POST
    @Path("fixes/{findingId}")
    @Produces(MediaType.APPLICATION_JSON)
    public SetupResource.SetupReport fix(@PathParam("findingId") String findingId) {
        auth.realm().requireManageRealm();
        if ("identity-provider-without-gate".equals(findingId)) {
            auth.realm().requireManageIdentityProviders();
        }
        return SetupResource.apply(session, realm, events, false, () -> SetupFixes.fix(session, realm, findingId)
            .orElseThrow(() -> new NotFoundException("No fix for the finding '" + findingId + "'")));
    }
}
