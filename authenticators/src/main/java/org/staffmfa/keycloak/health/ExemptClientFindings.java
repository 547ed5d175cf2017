package org.staffmfa.keycloak.health;

import java.util.Comparator;
import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.exemption.ClientExemptions;

/**
 * Exempt clients whose password-only tokens reach further than the client itself: a full-scope token carries every
 * role of the user (an MFA administrator's too), and token exchange turns it into a token for another client.
 */
final class ExemptClientFindings {

    /** Keycloak's standard token exchange (26.2 and later) is switched on per client by this attribute. */
    static final String STANDARD_TOKEN_EXCHANGE = "standard.token.exchange.enabled";

    private ExemptClientFindings() {
    }

    static List<Finding> of(RealmModel realm) {
        return realm.getClientsStream()
            .filter(client -> ClientExemptions.isExempt(realm, client))
            .sorted(Comparator.comparing(ClientModel::getClientId))
            .flatMap(client -> findings(client).stream())
            .toList();
    }

    private static List<Finding> findings(ClientModel client) {
        Finding fullScope = !client.isFullScopeAllowed() ? null : Finding.warning("exempt-client-full-scope",
            client.getClientId(),
            "The exempt client '" + client.getClientId() + "' has full scope: its password-only tokens carry every "
                + "role of the user, administrators' roles included.",
            "Turn off 'Full scope allowed' (client > Client scopes > Dedicated scope) and map only the roles it needs.");
        Finding exchange = !"true".equalsIgnoreCase(client.getAttribute(STANDARD_TOKEN_EXCHANGE)) ? null
            : Finding.critical("exempt-client-token-exchange", client.getClientId(),
                "The exempt client '" + client.getClientId() + "' may exchange tokens: a password-only login through "
                    + "it can become a token for a client that requires MFA.",
                "Turn off standard token exchange for this client (client > Settings > Capability config).");
        return java.util.stream.Stream.of(exchange, fullScope).filter(java.util.Objects::nonNull).toList();
    }
}
