package org.staffmfa.keycloak.sms.twilio;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.staffmfa.keycloak.sms.HttpTransport;
import org.staffmfa.keycloak.sms.SenderSettings;
import org.staffmfa.keycloak.sms.SmsSender;
import org.staffmfa.keycloak.sms.SmsSenderFactory;

/** The {@code twilio} sender. */
public final class TwilioSmsSenderFactory implements SmsSenderFactory {

    public static final String ID = "twilio";
    static final String ACCOUNT_SID = "account-sid";
    static final String AUTH_TOKEN = "auth-token";
    static final String FROM = "from";
    static final String MESSAGING_SERVICE_SID = "messaging-service-sid";
    static final String BASE_URL = "base-url";
    static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    private final HttpTransport transport = new HttpTransport();
    private Config.Scope config;

    @Override
    public void init(Config.Scope config) {
        this.config = config;
    }

    @Override
    public SmsSender create(KeycloakSession session) {
        return new TwilioSmsSender(new SenderSettings(session, config, ID), transport);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(ACCOUNT_SID).type(ProviderConfigProperty.STRING_TYPE).helpText("Account SID (required)").add()
            .property().name(AUTH_TOKEN).type(ProviderConfigProperty.PASSWORD).helpText("Auth token; use ${vault.key}").add()
            .property().name(FROM).type(ProviderConfigProperty.STRING_TYPE).helpText("Sending number, unless a messaging service is set").add()
            .property().name(MESSAGING_SERVICE_SID).type(ProviderConfigProperty.STRING_TYPE).helpText("Messaging service SID").add()
            .property().name(BASE_URL).type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_BASE_URL)
            .helpText("API base URL (change only for tests or regional endpoints)").add()
            .build();
    }
}
