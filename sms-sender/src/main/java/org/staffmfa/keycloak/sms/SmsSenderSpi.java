package org.staffmfa.keycloak.sms;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Declares the {@value #NAME} SPI so that Keycloak discovers gateways, including ones from other JARs. */
public final class SmsSenderSpi implements Spi {

    public static final String NAME = "mfa-sms-sender";

    /**
     * The sender used when neither the realm nor the server chooses one: {@code log} (package {@code sms.log}), which
     * sends nothing.
     */
    public static final String FALLBACK_SENDER = "log";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SmsSender.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmsSenderFactory.class;
    }
}
