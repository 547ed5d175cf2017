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
    void serverInfoListsTheGateAndTheEnrolmentAction(AdminClient admin) {
        JsonNode providers = admin.get("/serverinfo").path("providers");

        assertThat(providers.path("authenticator").path("providers").has("staff-mfa-gate")).isTrue();
        assertThat(providers.path("authenticator").path("providers").has("staff-mfa-direct-grant")).isTrue();
        assertThat(providers.path("protocol-mapper").path("providers").has("staff-mfa-claim-mapper")).isTrue();
        assertThat(providers.path("required-action").path("providers").has("staff-mfa-enrol")).isTrue();
    }

    @Test
    void theGateIsOfferedInTheAdminConsoleWithItsDescription(AdminClient admin) {
        List<String> displayNames = new ArrayList<>();
        admin.get("/realms/master/authentication/authenticator-providers")
            .forEach(provider -> displayNames.add(provider.path("id").asText() + ": " + provider.path("displayName").asText()));

        assertThat(displayNames).contains("staff-mfa-gate: Staff MFA: group policy gate");
    }
}
