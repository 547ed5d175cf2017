package org.staffmfa.keycloak.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;

/** The single provider JAR, dropped into providers/, is picked up by Keycloak. */
@RealKeycloakTest
class ProviderInstallationIT {

    @Test
    void serverInfoListsTheSmsSenderSpiWithItsLogProvider(AdminClient admin) {
        JsonNode spi = admin.get("/serverinfo").path("providers").path("mfa-sms-sender");

        assertThat(spi.path("internal").asBoolean(true)).isFalse();
        assertThat(spi.path("providers").has("log")).isTrue();
    }

    @Test
    void serverInfoListsTheStaffMfaLoginTheme(AdminClient admin) {
        List<String> loginThemes = new ArrayList<>();
        admin.get("/serverinfo").path("themes").path("login").forEach(theme -> loginThemes.add(theme.path("name").asText()));

        assertThat(loginThemes).contains("staff-mfa");
    }
}
