package org.staffmfa.keycloak.channelsettings;

import org.keycloak.provider.Provider;

/**
 * The provider type under which a realm's email and SMS code settings are kept as Keycloak components (one per
 * channel, sub-type {@code email} or {@code sms}). It does nothing itself: components are how Keycloak keeps a
 * provider's per-realm configuration out of the realm's attribute map, which a realm update replaces as a whole.
 */
public interface ChannelSettingsProvider extends Provider {

    @Override
    default void close() {
    }
}
