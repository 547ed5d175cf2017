package org.staffmfa.keycloak.store;

import org.keycloak.provider.Provider;

/**
 * The provider type under which the extension keeps a realm's MFA settings as Keycloak components
 * ({@link RealmSettingsStore}). It does nothing itself.
 */
public interface MfaSettingsProvider extends Provider {

    @Override
    default void close() {
    }
}
