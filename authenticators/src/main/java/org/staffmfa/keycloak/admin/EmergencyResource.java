package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.session.SuspensionSessions;

/**
 * {@code /admin/realms/{realm}/staff-mfa/emergency}: the realm's emergency switches. Switching a factor off (its
 * gateway account is compromised) needs {@value MfaAdminRoles#MANAGE_MFA}; suspending enforcement, which lets every
 * user in with the password alone for up to 24 hours, needs {@code manage-realm} as well; ending a suspension early
 * needs {@value MfaAdminRoles#MANAGE_MFA} only. Every change is an admin event.
 */
public final class EmergencyResource {

    /** The switches as they stand; {@code suspension} is null when enforcement is not suspended. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EmergencyState(List<String> disabledFactors, SuspensionView suspension) {
    }

    /** A suspension in force: since and until (ISO-8601, UTC), by whom, why. */
    public record SuspensionView(String since, String until, String by, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record DisabledFactorsRequest(List<String> factors) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SuspensionRequest(String until, String reason) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;
    private final CallerCheck callerCheck;

    EmergencyResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events,
                      CallerCheck callerCheck) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
        this.callerCheck = callerCheck;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public EmergencyState get() {
        callerCheck.require();
        MfaAdminRoles.requireViewOrManageMfa(auth, realm, auth.realm().canViewRealm(), "the realm");
        return state();
    }

    @PUT
    @Path("disabled-factors")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public EmergencyState disableFactors(DisabledFactorsRequest request) {
        callerCheck.require();
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        if (request == null || request.factors() == null) {
            throw new BadInput("\"factors\" is required: the factors to switch off, [] for none");
        }
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        for (String id : request.factors()) {
            factors.add(Factor.fromId(id == null ? "" : id).orElseThrow(() -> new BadInput("Unknown factor; known: "
                + String.join(", ", EnumSet.allOf(Factor.class).stream().map(Factor::id).toList()))));
        }
        if (EmergencySwitches.leavesNoFirstFactor(factors)) {
            throw new BadInput("Switching off every factor a user can set up alone (totp, webauthn, sms, email) would lock "
                + "out or let in everyone without a factor; to let everyone in during an outage, suspend enforcement");
        }
        EmergencySwitches.setDisabledFactors(realm, factors);
        return changed("disable-factors");
    }

    @PUT
    @Path("suspension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public EmergencyState suspend(SuspensionRequest request) {
        callerCheck.require();
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        // Everyone in with the password alone: the realm's own administrators decide that, not MFA officers alone.
        auth.realm().requireManageRealm();
        if (request == null || request.until() == null || request.reason() == null || request.reason().isBlank()) {
            throw new BadInput("\"until\" (ISO-8601 date and time with offset, at most 24 hours ahead) and \"reason\" are required");
        }
        Instant until;
        try {
            until = OffsetDateTime.parse(request.until()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInput("\"until\" must be an ISO-8601 date and time with offset, e.g. 2026-11-27T18:00:00Z");
        }
        try {
            EmergencySwitches.suspend(realm, until, auth.adminAuth().getUser().getUsername(), request.reason());
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        return changed("suspend-enforcement");
    }

    @DELETE
    @Path("suspension")
    @Produces(MediaType.APPLICATION_JSON)
    public EmergencyState endSuspension() {
        // No second factor asked: ending a suspension only ever restores MFA, and administrators who logged in during
        // it passed none (the role check still applies).
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        boolean stored = EmergencySwitches.enforcementSuspended(realm) || EmergencySwitches.runOut(realm)
            || EmergencySwitches.storedButNotInForce(realm);
        EmergencySwitches.endSuspension(realm);
        if (stored) {
            SuspensionSessions.end(session, realm);
        }
        return changed("end-suspension");
    }

    /** The state after a change, sent as the change's admin event. */
    private EmergencyState changed(String action) {
        EmergencyState state = state();
        events.emergency(action, state);
        return state;
    }

    private EmergencyState state() {
        SuspensionView suspension = EmergencySwitches.suspension(realm)
            .map(s -> new SuspensionView(s.at().toString(), s.until().toString(), s.by(), s.reason()))
            .orElse(null);
        return new EmergencyState(EmergencySwitches.disabledFactors(realm).stream().map(Factor::id).toList(), suspension);
    }
}
