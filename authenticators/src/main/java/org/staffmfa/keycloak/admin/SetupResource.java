package org.staffmfa.keycloak.admin;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.setup.RealmSetup;
import org.staffmfa.keycloak.setup.SetupChange;

/**
 * {@code POST /admin/realms/{realm}/staff-mfa/setup[?dryRun=true]}: puts the realm under the MFA policy in one step
 * ({@link RealmSetup}). Needs {@code manage-realm}, since it changes flows and required actions. Every change is an
 * admin event; a dry run answers the same changes and makes none.
 */
public final class SetupResource {

    /** Which bindings to take care of; all of {@link RealmSetup#BINDINGS} when absent. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SetupRequest(List<String> bindings) {
    }

    /** The answer: whether anything was changed, and what (or, in a dry run, what would be). */
    public record SetupReport(boolean dryRun, List<SetupChange> changes) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;

    SetupResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SetupReport run(@QueryParam("dryRun") boolean dryRun, SetupRequest request) {
        auth.realm().requireManageRealm();
        Set<String> bindings = request == null || request.bindings() == null ? RealmSetup.BINDINGS : Set.copyOf(request.bindings());
        for (String binding : bindings) {
            if (!RealmSetup.BINDINGS.contains(binding)) {
                throw new BadInput("Unknown binding '" + binding + "'; known: " + String.join(", ", RealmSetup.BINDINGS.stream().sorted().toList()));
            }
        }
        List<SetupChange> changes = RealmSetup.run(session, realm, bindings, dryRun);
        if (!dryRun) {
            changes.forEach(change -> events.setup(change.action(), change));
        }
        return new SetupReport(dryRun, changes);
    }
}
