package org.staffmfa.keycloak.exemption;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.ClientModel;

/**
 * An administrator's decision that a user logs in without a second factor: to some clients or all, until an expiry
 * or for good, for a stated reason.
 *
 * @param id          the id of the credential that stores it
 * @param clientUuids internal ids of the clients it covers; empty means every client
 * @param expiresAt   when it stops applying by itself, if ever
 */
public record UserExemption(String id, Set<String> clientUuids, Optional<Instant> expiresAt, String reason,
                            String grantedBy, Instant grantedAt) {

    public UserExemption {
        clientUuids = Set.copyOf(clientUuids);
    }

    public boolean allClients() {
        return clientUuids.isEmpty();
    }

    public boolean expired(Instant now) {
        return expiresAt.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }

    public boolean appliesTo(ClientModel client, Instant now) {
        return !expired(now) && (allClients() || clientUuids.contains(client.getId()));
    }
}
