package org.staffmfa.keycloak.channelsettings;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Declares the {@value #NAME} SPI, whose one factory describes and validates the stored code settings. */
public final class ChannelSettingsSpi implements Spi {

    public static final String NAME = "staff-mfa-code-channel";

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
        return ChannelSettingsProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ChannelSettingsComponentFactory.class;
    }
}
