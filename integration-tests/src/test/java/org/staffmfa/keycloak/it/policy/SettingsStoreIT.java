package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Where MFA settings live: Keycloak's realm update ({@code PUT /admin/realms/{realm}}) replaces the whole attribute
 * map, so a script or console that sends it without the extension's settings must not turn anyone's MFA off. And a
 * realm whose settings an earlier version kept as realm attributes gets them moved, still in force.
 */
@RealKeycloakTest
class SettingsStoreIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    private static void realmUpdateWithoutAttributes() {
        ObjectNode representation = (ObjectNode) realm.admin().get(realm.adminPath());
        representation.putObject("attributes");
        assertThat(realm.admin().put(realm.adminPath(), representation).statusCode()).isEqualTo(204);
    }

    @Test
    void aRealmUpdateWithoutAttributesLeavesPoliciesExemptionsAndSwitchesInForce() {
        realm.systemsUserWithApp("uwe");
        assertThat(realm.admin().put(realm.adminPath() + "/staff-mfa/emergency/disabled-factors",
            Map.of("factors", List.of("sms"))).statusCode()).isEqualTo(200);
        String sip2 = realm.admin().get(realm.adminPath() + "/clients?clientId=sip2-gateway").get(0).path("id").asText();
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/clients").findValuesAsText("clientId")).contains("sip2-gateway");

        realmUpdateWithoutAttributes();

        assertThat(MfaPages.isCodePage(MfaPages.passwordStep(new WebClient(realm.server()), realm, "uwe", "uwe-pw")))
            .as("the systems group still requires MFA").isTrue();
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/emergency").path("disabledFactors").toString())
            .contains("sms");
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/clients").findValuesAsText("clientId"))
            .contains("sip2-gateway");
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/clients/" + sip2 + "/exemption").path("reason")
            .asText()).isNotBlank();
        assertThat(realm.admin().get(realm.adminPath()).path("attributes").toString()).doesNotContain("staff-mfa.");
        realm.admin().put(realm.adminPath() + "/staff-mfa/emergency/disabled-factors", Map.of("factors", List.of()));
    }

    @Test
    void settingsKeptAsRealmAttributesByAnEarlierVersionAreMovedAndStayInForce() {
        String name = realm.name() + "-earlier";
        String groupId = "0d3f7a52-6a1e-4c55-9f1d-000000000001";
        DemoRealm earlier = DemoRealm.importInto(realm.server(), realm.admin(), name, json -> {
            ArrayNode groups = (ArrayNode) json.get("groups");
            groups.addObject().put("id", groupId).put("name", "night-desk");
            ((ObjectNode) json.get("attributes")).put("staff-mfa.group." + groupId + ".mode", "required")
                .put("staff-mfa.group." + groupId + ".recheck-interval", "PT4H")
                .put("staff-mfa.group." + groupId + ".totp-min-algorithm", "sha-256")
                .put("staff-mfa.max-recheck-interval", "P2D");
        });
        try {
            JsonNode attributes = earlier.admin().get(earlier.adminPath()).path("attributes");
            assertThat(attributes.toString()).doesNotContain("staff-mfa.group.").doesNotContain("staff-mfa.max-recheck");
            JsonNode group = earlier.admin().get(earlier.adminPath() + "/staff-mfa/groups/" + groupId);
            assertThat(group.toString()).contains("required").contains("PT4H");
            assertThat(group.at("/settings/totpMinAlgorithm").asText())
                .as("another spelling from a realm file, shown by the name the admin page selects").isEqualTo("SHA256");
            assertThat(earlier.admin().get(earlier.adminPath() + "/staff-mfa/settings").path("maxRecheckInterval").asText())
                .isEqualTo("P2D");
            earlier.admin().createUser(name, "nina", "nina-pw", null, "/night-desk");
            assertThat(MfaPages.isEnrolChooser(MfaPages.passwordStep(new WebClient(realm.server()), earlier, "nina", "nina-pw")))
                .as("the moved policy requires MFA").isTrue();
        } finally {
            realm.admin().deleteRealm(name);
        }
    }
}
