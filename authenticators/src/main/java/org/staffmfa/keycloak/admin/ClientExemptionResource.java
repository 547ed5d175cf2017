package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.exemption.ClientExemptions.ClientExemption;
import org.staffmfa.keycloak.exemption.ClientExemptions;
import org.staffmfa.keycloak.exemption.ExemptSessions;

/**
 * {@code /admin/realms/{realm}/staff-mfa/clients}: clients whose logins need no second factor for anyone (Evergreen's
 * exempt ingress, e.g. a SIP2 gateway). Granting and revoking needs {@value MfaAdminRoles#MANAGE_MFA}.
 */
public final class ClientExemptionResource {

    /** Body of a grant: {@code {"reason": "SIP2 self-check machines cannot show a second-factor page"}}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ClientExemptionRequest(String reason) {
    }

    public record ClientExemptionView(String id, String clientId, String reason, String grantedBy, String grantedAt) {
        static ClientExemptionView of(ClientModel client, ClientExemption exemption) {
            return new ClientExemptionView(client.getId(), client.getClientId(), exemption.reason(),
                exemption.grantedBy(), exemption.grantedAt().toString());
        }
    }

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;

    ClientExemptionResource(RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events) {
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    /** Every exempt client. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ClientExemptionView> list() {
        requireRead();
        return ClientExemptions.list(realm).stream()
            .map(exemption -> ClientExemptionView.of(realm.getClientByClientId(exemption.clientId()), exemption))
            .toList();
    }

    @GET
    @Path("{clientUuid}/exemption")
    @Produces(MediaType.APPLICATION_JSON)
    public ClientExemptionView get(@PathParam("clientUuid") String clientUuid) {
        ClientModel client = client(clientUuid);
        return ClientExemptions.of(realm, client).map(exemption -> ClientExemptionView.of(client, exemption))
            .orElseThrow(() -> new NotFoundException("The client is not exempt"));
    }

    /** Exempts the client (or replaces the reason of its exemption). */
    @PUT
    @Path("{clientUuid}/exemption")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ClientExemptionView grant(@PathParam("clientUuid") String clientUuid, ClientExemptionRequest request) {
        ClientModel client = client(clientUuid);
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        String reason = ExemptionRequestValidator.reason(request == null ? null : request.reason());
        ClientExemption exemption = ClientExemptions.grant(realm, client, reason,
            auth.adminAuth().getUser().getUsername(), Instant.ofEpochSecond(Time.currentTime()));
        ClientExemptionView view = ClientExemptionView.of(client, exemption);
        events.client(OperationType.CREATE, client, "grant-client-exemption", view);
        return view;
    }

    /** Revokes the exemption; every token the client holds stops working, so what it let in must log in again. */
    @DELETE
    @Path("{clientUuid}/exemption")
    public void revoke(@PathParam("clientUuid") String clientUuid) {
        ClientModel client = client(clientUuid);
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        if (!ClientExemptions.revoke(realm, client)) {
            throw new NotFoundException("The client is not exempt");
        }
        ExemptSessions.endForClient(realm, client);
        events.client(OperationType.DELETE, client, "revoke-client-exemption", null);
    }

    private ClientModel client(String clientUuid) {
        requireRead();
        ClientModel client = realm.getClientById(clientUuid);
        if (client == null) {
            throw new NotFoundException("Client not found");
        }
        return client;
    }

    private void requireRead() {
        MfaAdminRoles.requireViewOrManageMfa(auth, realm, auth.clients().canView(), "clients");
    }
}
