package org.staffmfa.keycloak.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of a grant: {@code {"clients": ["evergreen-staff"], "expires": "2030-06-30T00:00:00Z", "reason": "..."}}.
 * No clients (or an empty list) means every client; no expiry means until revoked.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class ExemptionRequest {

    public List<String> clients;
    public String expires;
    public String reason;
}
