package org.staffmfa.keycloak.sms.log;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.staffmfa.keycloak.sms.SmsSender;
import org.staffmfa.keycloak.sms.SmsSenderFactory;
import org.staffmfa.keycloak.sms.SmsSenderSpi;

/**
 * The {@code log} sender. Its one option, {@code log-message-text}, puts the whole text (with the code) into the log
 * so that a developer can log in without a phone. Because that leaks codes, the server refuses to start with it
 * outside development mode ({@code kc.sh start-dev}).
 */
public final class LogSmsSenderFactory implements SmsSenderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = SmsSenderSpi.FALLBACK_SENDER;
    static final String LOG_MESSAGE_TEXT = "log-message-text";

    private boolean logMessageText;

    @Override
    public void init(Config.Scope config) {
        logMessageText = config.getBoolean(LOG_MESSAGE_TEXT, false);
        if (logMessageText && !Environment.isDevMode()) {
            throw new IllegalStateException("mfa-sms-sender 'log' option " + LOG_MESSAGE_TEXT
                + "=true writes one-time codes into the log and is refused outside development mode (start-dev)");
        }
    }

    @Override
    public SmsSender create(KeycloakSession session) {
        return new LogSmsSender(logMessageText);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
            .property()
            .name(LOG_MESSAGE_TEXT)
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .helpText("Development only: also log the message text, including the one-time code. "
                + "Keycloak refuses to start with this on outside start-dev.")
            .defaultValue(false)
            .add()
            .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(LOG_MESSAGE_TEXT, String.valueOf(logMessageText));
    }
}
