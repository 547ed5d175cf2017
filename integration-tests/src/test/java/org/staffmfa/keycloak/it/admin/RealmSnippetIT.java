package org.staffmfa.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.KeycloakServer;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * The minimal realm snippet for sites that create realms from files ({@code realm-export/…/staff-mfa-realm-snippet.json}:
 * the staff flows, the required actions, one group policy; no users, clients or secrets): a realm created from it has
 * no finding in the health check, and a member of its group is sent to enrolment at the first login.
 */
@RealKeycloakTest
class RealmSnippetIT {

    private static final String SNIPPET = "realm-export/staff-mfa-realm-snippet.json";

    private static ObjectNode snippet() throws IOException {
        try (InputStream in = RealmSnippetIT.class.getClassLoader().getResourceAsStream(SNIPPET)) {
            assertThat(in).as(SNIPPET + " on the class path").isNotNull();
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    @Test
    void aRealmCreatedFromTheSnippetIsFullyGated(KeycloakServer server, AdminClient admin) throws IOException {
        ObjectNode realm = snippet();
        assertThat(realm.has("users")).as("no users in the snippet").isFalse();
        assertThat(realm.has("clients")).as("no clients (and so no secrets) in the snippet").isFalse();
        String name = "it-snippet-" + UUID.randomUUID().toString().substring(0, 6);
        realm.put("realm", name);
        admin.createRealm(realm);
        try {
            JsonNode health = admin.get("/realms/" + name + "/staff-mfa/health");
            assertThat(health.path("findings")).as(health.toString()).isEmpty();

            admin.createUser(name, "nora", "nora-pw", null, "/staff");
            WebClient web = new WebClient(server);
            String account = server.realmUrl(name) + "/account/";
            HtmlPage loginPage = web.get(new OidcClient(server.realmUrl(name), "account", null).authorizationUrl(account));
            HtmlPage afterPassword = MfaPages.login(web, loginPage, "nora", "nora-pw");
            assertThat(MfaPages.isEnrolmentStart(afterPassword)).as(afterPassword.text()).isTrue();
        } finally {
            admin.deleteRealm(name);
        }
    }
}
