package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.enrolment.EnrolmentOffer;
import org.staffmfa.keycloak.exemption.ClientExemptions;
import org.staffmfa.keycloak.exemption.ExemptSessions;
import org.staffmfa.keycloak.exemption.UserExemption;
import org.staffmfa.keycloak.exemption.UserExemptions;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factor.FactorCredentialTypes;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.notify.MfaNotice;
import org.staffmfa.keycloak.notify.MfaNotifications;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.remember.RememberSalt;
import org.staffmfa.keycloak.session.SelfServiceSettings;

/**
 * {@code /admin/realms/{realm}/staff-mfa/users/{userId}}: one user's MFA status with the explanation of their policy,
 * removal of their factors and remembered browsers ({@value MfaAdminRoles#REMOVE_USER_MFA}), and their exemptions
 * ({@value MfaAdminRoles#MANAGE_MFA}). Reading needs the right to view the user.
 */
public final class UserMfaResource {

    /** A second factor the user has set up; {@code allowed} says whether their policy lets them use it now. */
    public record FactorView(String id, String factor, String type, String label, String created, boolean allowed) {
    }

    /** What an administrator can say about remembered browsers: they live only in the browsers' cookies. */
    public record RememberedBrowsersView(boolean mayBeRemembered, String recheckInterval, String lastForgotten) {
    }

    public record EnrolmentStatusView(boolean pending, String lastSkipped) {
    }

    public record UserMfaStatus(String id, String username, PolicyView policy, List<FactorView> factors,
                                List<String> exemptClientsForEveryone, List<ExemptionRepresentation> exemptions,
                                RememberedBrowsersView rememberedBrowsers, EnrolmentStatusView enrolment) {
    }

    /** Optional body of a removal: the target user's password when the realm requires their consent. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RemovalRequest(String userPassword) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;
    private final UserModel user;
    private final UserPolicies policies = new UserPolicies();
    private final FactorCatalog catalog = BuiltInFactors.catalog();

    UserMfaResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events,
                    UserModel user) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
        this.user = user;
    }

    /** Everything about the user's MFA, with the groups that decided their policy. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public UserMfaStatus status() {
        auth.users().requireView(user);
        EffectivePolicy policy = policies.forUser(session, realm, user);
        List<FactorView> factors = user.credentialManager().getStoredCredentialsStream()
            .filter(credential -> FactorCredentialTypes.isSecondFactor(credential.getType()))
            .map(credential -> factorView(credential, policy))
            .toList();
        List<String> exemptClientsForEveryone = ClientExemptions.list(realm).stream().map(ClientExemptions.ClientExemption::clientId).toList();
        boolean remembering = !policy.recheckInterval().isZero()
            && policies.rememberFor(session, realm, policy, null) != org.staffmfa.keycloak.policy.RememberBrowser.NEVER;
        return new UserMfaStatus(user.getId(), user.getUsername(), PolicyView.of(policy), factors, exemptClientsForEveryone,
            exemptions(),
            new RememberedBrowsersView(remembering, PolicyView.iso(policy.recheckInterval()),
                RememberSalt.lastReset(user).map(Instant::toString).orElse(null)),
            new EnrolmentStatusView(user.getRequiredActionsStream().anyMatch(StaffMfaIds.ENROL_ACTION::equals),
                EnrolmentOffer.lastSkip(user).map(Instant::toString).orElse(null)));
    }

    /**
     * Removes one of the user's second factors. Not the administrator's own (that is self-service, which asks for a
     * fresh second factor). With the realm's active-consent setting, the body must carry the user's password.
     */
    @DELETE
    @Path("factors/{credentialId}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response removeFactor(@PathParam("credentialId") String credentialId, RemovalRequest request) {
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.REMOVE_USER_MFA);
        auth.users().requireView(user);
        refuseOwnAccount("remove their own second factor here; they can do it in the account console");
        CredentialModel credential = user.credentialManager().getStoredCredentialById(credentialId);
        if (credential == null) {
            throw new NotFoundException("The user has no credential with this id");
        }
        Factor factor = FactorCredentialTypes.factorOf(credential.getType())
            .orElseThrow(() -> new BadInput("This credential is not a second factor (type " + credential.getType() + ")"));
        if (SelfServiceSettings.removalRequiresUserPassword(realm)) {
            ActiveConsent.require(session, realm, user, request == null ? null : request.userPassword());
        }
        user.credentialManager().removeStoredCredentialById(credentialId);
        Map<String, String> details = new HashMap<>(Map.of("factor", factor.id(),
            "admin", auth.adminAuth().getUser().getUsername()));
        Optional.ofNullable(credential.getUserLabel()).ifPresent(label -> details.put("label", label));
        events.user(OperationType.DELETE, user, "remove-factor",
            Map.of("factor", factor.id(), "type", credential.getType(), "label", String.valueOf(credential.getUserLabel())),
            "factors", credentialId);
        MfaNotifications.send(session, realm, user, MfaNotice.FACTOR_REMOVED_BY_ADMIN, details);
        return Response.noContent().build();
    }

    /** Forgets every browser the user asked to be remembered: the next login on each asks for the second factor. */
    @DELETE
    @Path("remembered-browsers")
    public Response revokeRememberedBrowsers() {
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.REMOVE_USER_MFA);
        auth.users().requireView(user);
        RememberSalt.rotate(user);
        events.user(OperationType.DELETE, user, "revoke-remembered-browsers", null, "remembered-browsers");
        return Response.noContent().build();
    }

    @GET
    @Path("exemptions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ExemptionRepresentation> exemptions() {
        auth.users().requireView(user);
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        return UserExemptions.list(session, realm, user).stream()
            .map(exemption -> ExemptionRepresentation.of(exemption, realm, now)).toList();
    }

    /** Grants an exemption; only MFA administrators, and never to themselves. */
    @POST
    @Path("exemptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response grantExemption(ExemptionRequest request) {
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        auth.users().requireView(user);
        refuseOwnAccount("grant an MFA exemption to themself");
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        ExemptionRequestValidator.Valid valid = ExemptionRequestValidator.validate(realm, request, now);
        UserExemption exemption = UserExemptions.grant(user, valid.clients(), valid.expires(), valid.reason(),
            auth.adminAuth().getUser().getUsername());
        ExemptionRepresentation representation = ExemptionRepresentation.of(exemption, realm, now);
        events.user(OperationType.CREATE, user, "grant-exemption", representation, "exemptions", exemption.id());
        Map<String, String> details = new HashMap<>(Map.of("admin", exemption.grantedBy(), "reason", exemption.reason()));
        exemption.expiresAt().ifPresent(expires -> details.put("expires", expires.toString()));
        MfaNotifications.send(session, realm, user, MfaNotice.EXEMPTION_GRANTED, details);
        return Response.status(Response.Status.CREATED).entity(representation).build();
    }

    @DELETE
    @Path("exemptions/{exemptionId}")
    public Response revokeExemption(@PathParam("exemptionId") String exemptionId) {
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        auth.users().requireView(user);
        if (!UserExemptions.revoke(user, exemptionId)) {
            throw new NotFoundException("Exemption not found");
        }
        int ended = ExemptSessions.endFor(session, realm, user, exemptionId);
        events.user(OperationType.DELETE, user, "revoke-exemption", Map.of("sessionsEnded", ended), "exemptions", exemptionId);
        return Response.noContent().build();
    }

    private FactorView factorView(CredentialModel credential, EffectivePolicy policy) {
        Factor factor = FactorCredentialTypes.factorOf(credential.getType()).orElseThrow();
        String created = credential.getCreatedDate() == null ? null
            : Instant.ofEpochMilli(credential.getCreatedDate()).toString();
        return new FactorView(credential.getId(), factor.id(), credential.getType(), credential.getUserLabel(), created,
            catalog.allows(policy, factor));
    }

    private void refuseOwnAccount(String what) {
        if (auth.adminAuth().getUser().getId().equals(user.getId())) {
            throw new ForbiddenException("An administrator cannot " + what);
        }
    }
}
