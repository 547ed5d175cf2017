package org.staffmfa.keycloak.notify;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Event listener {@value #ID}: add it to the realm's event listeners (Realm settings → Events) to send notices. */
public final class FactorChangeNotifierFactory implements EventListenerProviderFactory {

    public static final String ID = "staff-mfa-notifications";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new FactorChangeNotifier(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
