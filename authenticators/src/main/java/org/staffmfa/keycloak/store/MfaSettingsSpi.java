package org.staffmfa.keycloak.store;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * Declares the {@value #NAME} SPI, whose one factory ({@code admin.MfaSettingsComponentFactory}) checks what is written
 * into the settings store.
 */
public final class MfaSettingsSpi implements Spi {

    public static final String NAME = "staff-mfa-settings";

    @Override
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return MfaSettingsProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return MfaSettingsProviderFactory.class;
    }
}
