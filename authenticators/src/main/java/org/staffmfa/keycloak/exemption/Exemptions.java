package org.staffmfa.keycloak.exemption;

import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.events.MfaEventDetails;

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

    /**
     * An exemption that let a login through.
     *
     * @param reason {@link #CLIENT_EXEMPT} or {@link #USER_EXEMPT}
     * @param source what to end the sessions by when the exemption goes ({@link ExemptSessions})
     */
    public record Exemption(String reason, String source) {
    }

    private Exemptions() {
    }

    /** @return the exemption that covers this login, or empty when the login needs the policy's factor */
    public static Optional<Exemption> of(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        if (client == null) {
            return Optional.empty();
        }
        if (ClientExemptions.isExempt(realm, client)) {
            return Optional.of(new Exemption(CLIENT_EXEMPT, ExemptSessions.clientSource(client)));
        }
        return UserExemptions.activeFor(session, realm, user, client)
            .map(exemption -> new Exemption(USER_EXEMPT, ExemptSessions.userSource(exemption.id())));
    }
}
