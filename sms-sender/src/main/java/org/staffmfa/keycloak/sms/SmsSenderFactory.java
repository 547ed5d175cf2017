package org.staffmfa.keycloak.sms;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/**
 * Factory of an SMS gateway. Register implementations in
 * {@code META-INF/services/org.staffmfa.keycloak.sms.SmsSenderFactory}; server-wide settings (URLs, credentials) come
 * from {@link #init(Config.Scope)}, i.e. {@code --spi-mfa-sms-sender--<id>--<option>} options.
 */
public interface SmsSenderFactory extends ProviderFactory<SmsSender> {

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
