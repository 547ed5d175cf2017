package org.staffmfa.keycloak.exemption;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How an exemption is written into its credential's data (JSON). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class ExemptionData {

    /**
     * The clients it covers, by their internal ids (which a rename does not change); empty: every client. Missing in
     * exemptions written by realm files or earlier versions, which name clients by {@link #clients} only.
     */
    public List<String> clientUuids;
    /** The clients' names (client ids) when it was granted; what realm files write. */
    public List<String> clients;
    /** Epoch seconds, or null for no expiry. */
    public Long expires;
    public String reason;
    public String grantedBy;
    /** Epoch seconds. */
    public long grantedAt;
    /** Epoch seconds at which the sessions it let in were ended after it expired. */
    public Long sessionsEndedAt;
}
