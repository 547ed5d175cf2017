package org.staffmfa.keycloak.sms.http;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.staffmfa.keycloak.sms.HttpTransport;
import org.staffmfa.keycloak.sms.SenderSettings;
import org.staffmfa.keycloak.sms.SmsSender;
import org.staffmfa.keycloak.sms.SmsSenderFactory;

/** The {@code http} sender: a generic webhook for SMS gateways (URL, method, headers, body template, auth). */
public final class HttpSmsSenderFactory implements SmsSenderFactory {

    public static final String ID = "http";
    static final String URL = "url";
    static final String METHOD = "method";
    static final String CONTENT_TYPE = "content-type";
    static final String BODY = "body";
    static final String HEADERS = "headers";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String BEARER_TOKEN = "bearer-token";
    static final String API_KEY_HEADER = "api-key-header";
    static final String API_KEY = "api-key";
    static final String DEFAULT_CONTENT_TYPE = "application/json";
    static final String DEFAULT_BODY = "{\"to\":\"{{phone}}\",\"text\":\"{{message}}\"}";

    private final HttpTransport transport = new HttpTransport();
    private Config.Scope config;

    @Override
    public void init(Config.Scope config) {
        this.config = config;
    }

    @Override
    public SmsSender create(KeycloakSession session) {
        return new HttpSmsSender(new SenderSettings(session, config, ID), transport);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property().name(URL).type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Gateway URL (required)").add()
            .property().name(METHOD).type(ProviderConfigProperty.STRING_TYPE).defaultValue("POST")
            .helpText("HTTP method").add()
            .property().name(CONTENT_TYPE).type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_CONTENT_TYPE)
            .helpText("Content type of the body; JSON and form bodies get their placeholders escaped").add()
            .property().name(BODY).type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_BODY)
            .helpText("Body template with {{phone}}, {{phone-digits}} and {{message}}").add()
            .property().name(HEADERS).type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Extra headers, 'Name: value' separated by ';'").add()
            .property().name(USERNAME).type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Basic auth user").add()
            .property().name(PASSWORD).type(ProviderConfigProperty.PASSWORD)
            .helpText("Basic auth password; use ${vault.key}").add()
            .property().name(BEARER_TOKEN).type(ProviderConfigProperty.PASSWORD)
            .helpText("Bearer token; use ${vault.key}").add()
            .property().name(API_KEY_HEADER).type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Header that carries an API key, e.g. X-Api-Key").add()
            .property().name(API_KEY).type(ProviderConfigProperty.PASSWORD)
            .helpText("API key; use ${vault.key}").add()
            .build();
    }
}
