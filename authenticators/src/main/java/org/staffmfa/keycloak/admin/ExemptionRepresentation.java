package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.exemption.UserExemption;

/**
 * An exemption as the admin API shows it; times are ISO-8601 UTC; clients by their current client ids (an exemption
 * follows its clients through renames; a client deleted since is shown as {@code (deleted client)}).
 */
public record ExemptionRepresentation(String id, List<String> clients, String expires, boolean expired, String reason,
                                      String grantedBy, String grantedAt) {

    static ExemptionRepresentation of(UserExemption exemption, RealmModel realm, Instant now) {
        return new ExemptionRepresentation(exemption.id(),
            exemption.clientUuids().stream()
                .map(uuid -> Optional.ofNullable(realm.getClientById(uuid)).map(ClientModel::getClientId).orElse("(deleted client)"))
                .sorted().toList(),
            exemption.expiresAt().map(Instant::toString).orElse(null),
            exemption.expired(now),
            exemption.reason(),
            exemption.grantedBy(),
            exemption.grantedAt().toString());
    }
}
