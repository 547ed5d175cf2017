package org.staffmfa.keycloak.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.factor.FactorCredentialTypes;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Tells users by email when one of their second factors was added or removed, however it happened: the extension's
 * enrolment, Keycloak's application-initiated actions, the account console. Reads Keycloak's own user events
 * ({@code UPDATE_CREDENTIAL}, {@code REMOVE_CREDENTIAL} with a second-factor {@code credential_type}); administrators'
 * removals through the MFA admin API are told by the API itself.
 */
final class FactorChangeNotifier implements EventListenerProvider {

    private final KeycloakSession session;

    FactorChangeNotifier(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        MfaNotice notice = event.getType() == EventType.UPDATE_CREDENTIAL ? MfaNotice.FACTOR_ADDED
            : event.getType() == EventType.REMOVE_CREDENTIAL ? MfaNotice.FACTOR_REMOVED : null;
        if (notice == null || event.getUserId() == null || event.getDetails() == null) {
            return;
        }
        Optional<Factor> factor = FactorCredentialTypes.factorOf(event.getDetails().get(Details.CREDENTIAL_TYPE));
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = factor.isEmpty() || realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        Map<String, String> details = new HashMap<>(Map.of("factor", factor.get().id()));
        Optional.ofNullable(event.getDetails().get(Details.CREDENTIAL_USER_LABEL)).ifPresent(label -> details.put("label", label));
        MfaNotifications.send(session, realm, user, notice, details);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // the MFA admin API sends its own notices; Keycloak's admin console changes are not MFA-specific
    }

    @Override
    public void close() {
    }
}
