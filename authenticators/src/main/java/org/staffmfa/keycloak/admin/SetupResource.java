package org.staffmfa.keycloak.admin;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.setup.RealmSetup;
import org.staffmfa.keycloak.setup.SetupChange;
import org.staffmfa.keycloak.setup.SetupFixes;
import org.staffmfa.keycloak.setup.SetupResult;
import org.staffmfa.keycloak.setup.UnsafeCopyException;

/**
 * {@code POST /admin/realms/{realm}/staff-mfa/setup[?dryRun=true]}: puts the realm under the MFA policy in one step
 * ({@link RealmSetup}). Needs {@code manage-realm}, since it changes flows and required actions, and for identity
 * providers also {@code manage-identity-providers}. Every change is an admin event; a dry run answers the same changes
 * and makes none; a flow that cannot be copied without losing a check is a 409 and nothing changes.
 */
public final class SetupResource {

    /**
     * Which bindings to take care of (all of {@link RealmSetup#BINDINGS} when absent), and what the staff flows start
     * from: {@code current} (copies of the bound flows; the default) or {@code defaults} (Keycloak's default steps).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SetupRequest(List<String> bindings, String startFrom) {
    }

    /** The answer: whether anything was changed, what (or, in a dry run, what would be), and what to know. */
    public record SetupReport(boolean dryRun, List<SetupChange> changes, List<String> warnings) {
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
        RealmSetup.StartFrom startFrom = request == null || request.startFrom() == null ? RealmSetup.StartFrom.CURRENT
            : RealmSetup.StartFrom.fromJson(request.startFrom()).orElseThrow(() -> new BadInput(
                "Unknown startFrom; known: current, defaults"));
        if (bindings.contains("post-broker-login")) {
            // Setting identity providers' post-login flows is Keycloak's manage-identity-providers right.
            auth.realm().requireManageIdentityProviders();
        }
        return apply(session, realm, events, dryRun, () -> RealmSetup.run(session, realm, bindings, startFrom, dryRun));
    }

    /**
     * Runs a set-up (or a fix) alone in the realm, sends an admin event per change, and turns a flow that cannot be
     * copied safely into a 409 that changes nothing.
     */
    static SetupReport apply(KeycloakSession session, RealmModel realm, MfaAdminEvents events, boolean dryRun,
                             Supplier<SetupResult> work) {
        SetupResult result;
        try {
            result = RealmSetup.exclusively(session, realm, work)
                .orElseThrow(() -> conflict("Another set-up of this realm is running; try again in a moment"));
        } catch (UnsafeCopyException e) {
            session.getTransactionManager().setRollbackOnly();
            throw conflict(e.getMessage());
        }
        if (!dryRun) {
            for (SetupChange change : result.changes()) {
                if (SetupFixes.ENABLE_BRUTE_FORCE_DETECTION.equals(change.action())) {
                    events.realm(change.action(), change);
                } else {
                    events.setup(change.action(), change);
                }
            }
        }
        return new SetupReport(dryRun, result.changes(), result.warnings());
    }

    private static WebApplicationException conflict(String message) {
        return new WebApplicationException(message, Response.status(Response.Status.CONFLICT)
            .entity(java.util.Map.of("error", "conflict", "error_description", message))
            .type(MediaType.APPLICATION_JSON).build());
    }
}
