package org.staffmfa.keycloak.remember;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.keycloak.Token;
import org.keycloak.TokenCategory;

/**
 * The content of the remember cookie, signed by Keycloak with the realm's internal HMAC key (HS512, like action
 * tokens). It names realm and user and fingerprints the user's credentials; it holds no secret of the user.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RememberedBrowserToken implements Token {

    /** Keeps other Keycloak-signed tokens (action tokens, access tokens) from passing as this one. */
    public static final String TYPE = "staff-mfa-remembered-browser";

    @JsonProperty("typ")
    private String type;
    @JsonProperty("realm")
    private String realmId;
    @JsonProperty("sub")
    private String userId;
    /** When the second factor was passed, epoch seconds. */
    @JsonProperty("iat")
    private long issuedAt;
    @JsonProperty("fp")
    private String fingerprint;
    @JsonProperty("factor")
    private String factor;

    public RememberedBrowserToken() {
    }

    RememberedBrowserToken(String realmId, String userId, long issuedAt, String fingerprint, String factor) {
        this.type = TYPE;
        this.realmId = realmId;
        this.userId = userId;
        this.issuedAt = issuedAt;
        this.fingerprint = fingerprint;
        this.factor = factor;
    }

    @Override
    public TokenCategory getCategory() {
        return TokenCategory.INTERNAL;
    }

    String type() {
        return type;
    }

    String realmId() {
        return realmId;
    }

    String userId() {
        return userId;
    }

    long issuedAt() {
        return issuedAt;
    }

    String fingerprint() {
        return fingerprint;
    }

    String factor() {
        return factor;
    }
}
