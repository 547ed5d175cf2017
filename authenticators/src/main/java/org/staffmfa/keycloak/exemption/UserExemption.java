package org.staffmfa.keycloak.exemption;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An administrator's decision that a user logs in without a second factor: to some clients or all, until an expiry
 * or for good, for a stated reason.
 *
 * @param id        the id of the credential that stores it
 * @param clientIds client ids it covers; empty means every client
 * @param expiresAt when it stops applying by itself, if ever
 */
public record UserExemption(String id, Set<String> clientIds, Optional<Instant> expiresAt, String reason,
                            String grantedBy, Instant grantedAt) {

    public UserExemption {
        clientIds = Set.copyOf(clientIds);
    }

    public boolean allClients() {
        return clientIds.isEmpty();
    }

    public boolean expired(Instant now) {
        return expiresAt.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }

    public boolean appliesTo(String clientId, Instant now) {
        return !expired(now) && (allClients() || clientIds.contains(clientId));
    }
}
