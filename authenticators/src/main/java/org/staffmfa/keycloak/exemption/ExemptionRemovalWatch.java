package org.staffmfa.keycloak.exemption;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * An exemption deleted with Keycloak's own admin API (the user's Credentials tab) rather than the MFA admin API: the
 * sessions it let in end as well. Keycloak names the deleted credential only in the admin event's path
 * ({@code users/<id>/credentials/<credential id>}); any credential's deletion is checked, which costs one look at the
 * user's sessions.
 */
final class ExemptionRemovalWatch implements EventListenerProvider {

    private static final Pattern CREDENTIAL_PATH = Pattern.compile("users/([^/]+)/credentials/([^/]+)");

    private final KeycloakSession session;

    ExemptionRemovalWatch(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.USER
            || (event.getOperationType() != OperationType.ACTION && event.getOperationType() != OperationType.DELETE)
            || event.getResourcePath() == null) {
            return;
        }
        Matcher path = CREDENTIAL_PATH.matcher(event.getResourcePath());
        if (!path.matches()) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        if (user != null) {
            ExemptSessions.endFor(session, realm, user, path.group(2));
        }
    }

    @Override
    public void onEvent(Event event) {
    }

    @Override
    public void close() {
    }
}
