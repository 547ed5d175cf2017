package org.staffmfa.keycloak.exemption;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Event listener {@value #ID}, active in every realm without configuration ({@link ExemptionRemovalWatch}). */
public final class ExemptionRemovalWatchFactory implements EventListenerProviderFactory {

    public static final String ID = "staff-mfa-exemption-watch";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ExemptionRemovalWatch(session);
    }

    /** Global: an exemption's sessions must end in every realm, whether or not an administrator added a listener. */
    @Override
    public boolean isGlobal() {
        return true;
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
