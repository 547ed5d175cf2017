package org.staffmfa.keycloak.exemption;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How an exemption is written into its credential's data (JSON). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class ExemptionData {

    public List<String> clients;
    /** Epoch seconds, or null for no expiry. */
    public Long expires;
    public String reason;
    public String grantedBy;
    /** Epoch seconds. */
    public long grantedAt;
}
