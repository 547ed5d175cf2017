package org.staffmfa.keycloak.sms.emailgateway;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.staffmfa.keycloak.sms.SenderSettings;
import org.staffmfa.keycloak.sms.SmsSender;
import org.staffmfa.keycloak.sms.SmsSenderFactory;

/** The {@code email-gateway} sender: carrier email-to-SMS gateways. */
public final class EmailGatewaySmsSenderFactory implements SmsSenderFactory {

    public static final String ID = "email-gateway";
    static final String DOMAIN = "domain";
    static final String NUMBER_FORMAT = "number-format";
    static final String SUBJECT = "subject";

    private Config.Scope config;

    @Override
    public void init(Config.Scope config) {
        this.config = config;
    }

    @Override
    public SmsSender create(KeycloakSession session) {
        return new EmailGatewaySmsSender(session, new SenderSettings(session, config, ID));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(DOMAIN).type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Gateway domain, e.g. txt.att.net (required)").add()
            .property().name(NUMBER_FORMAT).type(ProviderConfigProperty.STRING_TYPE).defaultValue("national")
            .helpText("national, e164-digits or e164: how the number is written before the @").add()
            .property().name(SUBJECT).type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
            .helpText("Mail subject (most gateways ignore or prepend it)").add()
            .build();
    }
}
