package org.staffmfa.keycloak.exemption;

import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.mfa.MfaEventDetails;

/**
 * Whether a login to a client may skip the second factor: the client is exempt for everyone (granted through the admin
 * API, see {@link ClientExemptions}), or the user holds an exemption for it. Always decided from the client of the
 * authentication session on the server, never from request parameters.
 */
public final class Exemptions {

    /**
     * The client attribute of earlier versions and of realm exports: converted when a realm is imported, otherwise
     * not read (client administrators could set it).
     */
    public static final String CLIENT_ATTRIBUTE = "staff-mfa.exempt";

    /** Event detail / claim value for each kind. */
    public static final String CLIENT_EXEMPT = MfaEventDetails.SKIP_EXEMPT_CLIENT;
    public static final String USER_EXEMPT = MfaEventDetails.SKIP_EXEMPT_USER;

    private Exemptions() {
    }

    /** @return {@link #CLIENT_EXEMPT} or {@link #USER_EXEMPT}, or empty when the login needs the policy's factor */
    public static Optional<String> reason(RealmModel realm, UserModel user, ClientModel client) {
        if (client == null) {
            return Optional.empty();
        }
        if (ClientExemptions.isExempt(realm, client)) {
            return Optional.of(CLIENT_EXEMPT);
        }
        return UserExemptions.activeFor(user, client.getClientId()).map(exemption -> USER_EXEMPT);
    }
}
