package org.staffmfa.keycloak.sms.log;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;

class LogSmsSenderFactoryTest {

    private static final String PREFIX = "test.mfa-sms-sender.log.";

    @AfterEach
    void clearProperties() {
        System.clearProperty(PREFIX + LogSmsSenderFactory.LOG_MESSAGE_TEXT);
        System.clearProperty(Environment.PROFILE);
    }

    @Test
    void givenMessageTextLoggingInProductionMode_thenServerStartIsRefused() {
        System.setProperty(PREFIX + LogSmsSenderFactory.LOG_MESSAGE_TEXT, "true");
        System.setProperty(Environment.PROFILE, "prod");

        assertThatThrownBy(() -> new LogSmsSenderFactory().init(new Config.SystemPropertiesScope(PREFIX)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("refused outside development mode");
    }

    @Test
    void givenMessageTextLoggingInDevMode_thenFactoryStarts() {
        System.setProperty(PREFIX + LogSmsSenderFactory.LOG_MESSAGE_TEXT, "true");
        System.setProperty(Environment.PROFILE, "dev");

        assertThatCode(() -> new LogSmsSenderFactory().init(new Config.SystemPropertiesScope(PREFIX)))
            .doesNotThrowAnyException();
    }

    @Test
    void givenDefaults_thenFactoryStartsInProductionMode() {
        System.setProperty(Environment.PROFILE, "prod");

        assertThatCode(() -> new LogSmsSenderFactory().init(new Config.SystemPropertiesScope(PREFIX)))
            .doesNotThrowAnyException();
    }
}
