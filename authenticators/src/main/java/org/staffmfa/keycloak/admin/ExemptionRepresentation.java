package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.util.List;

import org.staffmfa.keycloak.exemption.UserExemption;

/** An exemption as the admin API shows it; times are ISO-8601 UTC. */
public record ExemptionRepresentation(String id, List<String> clients, String expires, boolean expired, String reason,
                                      String grantedBy, String grantedAt) {

    static ExemptionRepresentation of(UserExemption exemption, Instant now) {
        return new ExemptionRepresentation(exemption.id(),
            exemption.clientIds().stream().sorted().toList(),
            exemption.expiresAt().map(Instant::toString).orElse(null),
            exemption.expired(now),
            exemption.reason(),
            exemption.grantedBy(),
            exemption.grantedAt().toString());
    }
}
