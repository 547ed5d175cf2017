package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, items 1, 6 and 7: exemptions come only from the Staff MFA admin API. A user administrator (the
 * demo's help desk: manage-users, view-users, query-users, query-groups) tries every other Keycloak path that creates
 * credentials; each is refused and the user is still asked for the second factor. Exemptions are bound to the client,
 * not to its name; unreadable exemption data is no exemption and no error page.
 */
@RealKeycloakTest
class ExemptionGrantPathsIT {

    /** What a hand-made exemption looks like in a user representation (the format the extension stores). */
    static final Map<String, Object> FORGED_EXEMPTION = Map.of("type", "staff-mfa-exemption", "secretData", "{}",
        "credentialData", "{\"clients\":[],\"reason\":\"x\",\"grantedAt\":0}");

    @RegisterExtension
    @Order(1)
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    @Order(2)
    static final DemoRealm realm = new DemoRealm(json -> {
        Mails.sendTo(json, mail);
        // A user whose exemption data is unreadable (as if edited in the database by hand).
        ArrayNode users = (ArrayNode) json.get("users");
        ObjectNode broken = users.addObject()
            .put("username", "broken-exemption")
            .put("enabled", true)
            .put("email", "broken-exemption@library.example")
            .put("emailVerified", true)
            .put("firstName", "Broken")
            .put("lastName", "Exemption");
        broken.putArray("groups").add("/staff/systems");
        ArrayNode credentials = broken.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", "broken-pw").put("temporary", false);
        credentials.addObject().put("type", "staff-mfa-exemption").put("secretData", "{}")
            .put("credentialData", "{not json");
    });

    static AdminClient helpdesk;

    @BeforeAll
    static void helpdesk() {
        realm.admin().createUser(realm.name(), "helpdesk", "helpdesk-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "helpdesk",
            "manage-users", "view-users", "query-users", "query-groups");
        helpdesk = AdminClient.asRealmUser(realm.server(), realm.name(), "helpdesk", "helpdesk-pw");
    }

    private HtmlPage evergreenLogin(String username, String password) {
        return MfaPages.passwordStep(new WebClient(realm.server()), realm, username, password);
    }

    private String userPath(String username) {
        return realm.adminPath() + "/users/" + realm.admin().user(realm.name(), username).get("id").asText();
    }

    private boolean hasExemption(String username) {
        for (JsonNode credential : realm.admin().userCredentials(realm.name(), username)) {
            if ("staff-mfa-exemption".equals(credential.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theHelpDeskCannotExemptDaveByUpdatingHisUser() {
        ObjectNode dave = (ObjectNode) helpdesk.get(userPath("dave"));
        dave.putArray("credentials").addPOJO(FORGED_EXEMPTION);

        HttpResponse<String> update = helpdesk.put(userPath("dave"), dave);

        assertThat(update.statusCode()).as(update.body()).isEqualTo(403);
        assertThat(update.body()).doesNotContain("Exception");
        assertThat(hasExemption("dave")).isFalse();
        assertThat(MfaPages.isEnrolmentStart(evergreenLogin("dave", "dave-demo"))).as("still offered enrolment").isTrue();
    }

    @Test
    void theHelpDeskCannotExemptAUserWhoMustUseAFactor() {
        realm.systemsUserWithApp("paula");
        ObjectNode paula = (ObjectNode) helpdesk.get(userPath("paula"));
        paula.putArray("credentials").addPOJO(FORGED_EXEMPTION);

        assertThat(helpdesk.put(userPath("paula"), paula).statusCode()).isEqualTo(403);

        assertThat(hasExemption("paula")).isFalse();
        assertThat(MfaPages.isCodePage(evergreenLogin("paula", "paula-pw"))).isTrue();
    }

    @Test
    void noUserCreationPathTakesAnExemption() {
        for (String path : List.of("/users", "/users/", "/users;x=1", "/users;x=1/")) {
            Map<String, Object> user = Map.of("username", "sneaky" + Math.abs(path.hashCode()), "enabled", true,
                "groups", List.of("/staff/systems"), "credentials", List.of(FORGED_EXEMPTION));

            HttpResponse<String> response = helpdesk.post(realm.adminPath() + path, user);

            // Keycloak itself refuses matrix parameters (400 "invalidCharacter"); the plain paths reach the guard.
            assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(400, 403);
            if (!path.contains(";")) {
                assertThat(response.statusCode()).as(path).isEqualTo(403);
            }
            assertThat(realm.admin().get(realm.adminPath() + "/users?exact=true&username=" + user.get("username")))
                .as(path).isEmpty();
        }
    }

    @Test
    void partialImportDoesNotTakeAnExemptionEvenFromARealmAdministrator() {
        realm.systemsUserWithApp("quinn");
        ObjectNode quinn = (ObjectNode) realm.admin().get(userPath("quinn"));
        quinn.putArray("credentials").addPOJO(FORGED_EXEMPTION);
        ObjectNode body = AdminClient.json().put("ifResourceExists", "OVERWRITE");
        body.putArray("users").add(quinn);

        HttpResponse<String> response = realm.admin().post(realm.adminPath() + "/partialImport", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(hasExemption("quinn")).isFalse();
        assertThat(MfaPages.isCodePage(evergreenLogin("quinn", "quinn-pw"))).isTrue();
    }

    @Test
    void aUserAdministratorCannotPlantASecondFactorWhoseSecretTheyKnow() {
        realm.systemsUserWithApp("rita");
        String knownSecret = TotpGenerator.randomBase32Secret();
        ObjectNode rita = (ObjectNode) helpdesk.get(userPath("rita"));
        rita.putArray("credentials").addObject()
            .put("type", "otp")
            .put("userLabel", "planted")
            .put("secretData", "{\"value\":\"" + knownSecret + "\"}")
            .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");

        assertThat(helpdesk.put(userPath("rita"), rita).statusCode()).isEqualTo(403);

        assertThat(realm.admin().userCredentials(realm.name(), "rita").toString()).doesNotContain("planted");
        HtmlPage codePage = evergreenLogin("rita", "rita-pw");
        HtmlPage refused = MfaPages.enterCode(new WebClient(realm.server()), codePage,
            TotpGenerator.googleAuthenticator(knownSecret).now());
        assertThat(refused.redirectOutsideKeycloak()).isEmpty();
    }

    /**
     * With manage-users the help desk can change a user's email address and mail them Keycloak's "execute actions"
     * link. The link runs Keycloak's set-up action without any login flow, so it must not add a factor to a user who
     * already has one. The enrolment action is put last, as a site that registered it in the console would have it,
     * so that nothing but the credential guard stands in the way.
     */
    @Test
    void anEmailedActionLinkCannotAddAFactorToAUserWhoHasOne() throws Exception {
        JsonNode enrol = realm.admin().get(realm.adminPath() + "/authentication/required-actions/staff-mfa-enrol");
        ObjectNode last = enrol.deepCopy();
        last.put("priority", 1000);
        assertThat(realm.admin().put(realm.adminPath() + "/authentication/required-actions/staff-mfa-enrol", last)
            .statusCode()).isBetween(200, 299);
        try {
            realm.systemsUserWithApp("tobias");
            ObjectNode tobias = (ObjectNode) helpdesk.get(userPath("tobias"));
            tobias.put("email", "attacker@elsewhere.example");
            assertThat(helpdesk.put(userPath("tobias"), tobias).statusCode()).isEqualTo(204);
            Set<String> seen = Mails.seen(mail);
            assertThat(helpdesk.put(userPath("tobias") + "/execute-actions-email", List.of("CONFIGURE_TOTP"))
                .statusCode()).isEqualTo(204);
            String link = Mails.link(Mails.plainText(Mails.awaitMail(mail, seen, "attacker@elsewhere.example", "")),
                "/login-actions/action-token").orElseThrow();
            WebClient attacker = new WebClient(realm.server());
            HtmlPage setup = attacker.get(link);
            if (!setup.has("#kc-totp-settings-form") && setup.has("a[href*=login-actions]")) {
                // Keycloak's "Perform the following actions ... Click here to proceed" page comes first.
                setup = attacker.get(setup.url().resolve(setup.document().select("a[href*=login-actions]").attr("href"))
                    .toString());
            }
            assertThat(setup.has("#kc-totp-settings-form")).as("the link leads to Keycloak's set-up page: " + setup.text())
                .isTrue();
            // Keycloak's page carries the raw secret; the app would be given its base32 form.
            String secret = setup.form("#kc-totp-settings-form").fields().get("totpSecret");
            TotpGenerator attackersApp = new TotpGenerator(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA1", 6, 30);
            HtmlPage done = attacker.submit(setup.form("#kc-totp-settings-form")
                .set("totp", attackersApp.now()).set("userLabel", "attacker"));
            assertThat(done.status()).as(done.text()).isLessThan(500);

            assertThat(realm.admin().userCredentials(realm.name(), "tobias").toString()).doesNotContain("attacker");
            long apps = 0;
            for (JsonNode credential : realm.admin().userCredentials(realm.name(), "tobias")) {
                if (credential.path("type").asText().equals("otp")) {
                    apps++;
                }
            }
            assertThat(apps).as("still only tobias's own app").isEqualTo(1);
        } finally {
            realm.admin().put(realm.adminPath() + "/authentication/required-actions/staff-mfa-enrol", enrol);
        }
    }

    @Test
    void anExemptionFollowsTheClientNotItsName() {
        ObjectNode readingRoom = (ObjectNode) realm.admin().get(realm.adminPath() + "/clients?clientId=evergreen-staff").get(0);
        readingRoom.remove("id");
        readingRoom.remove("protocolMappers");
        readingRoom.put("clientId", "reading-room");
        String readingRoomId = realm.admin().createClient(realm.name(), readingRoom);
        realm.systemsUserWithApp("sven");
        HttpResponse<String> granted = realm.admin().post(realm.adminPath() + "/staff-mfa/users/"
            + realm.admin().user(realm.name(), "sven").get("id").asText() + "/exemptions",
            Map.of("clients", List.of("reading-room"), "reason", "Reading-room kiosk"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(readingRoomLogin("reading-room").redirectOutsideKeycloak()).isPresent();

        // The client is renamed, and a new client takes over its old name.
        ObjectNode renamed = (ObjectNode) realm.admin().get(realm.adminPath() + "/clients/" + readingRoomId);
        renamed.put("clientId", "reading-room-old");
        assertThat(realm.admin().put(realm.adminPath() + "/clients/" + readingRoomId, renamed).statusCode()).isEqualTo(204);
        readingRoom.put("clientId", "reading-room");
        realm.admin().createClient(realm.name(), readingRoom);

        assertThat(MfaPages.isCodePage(readingRoomLogin("reading-room"))).as("the new client is not covered").isTrue();
        assertThat(readingRoomLogin("reading-room-old").redirectOutsideKeycloak()).as("the renamed one still is").isPresent();
        JsonNode exemption = realm.admin().get(realm.adminPath() + "/staff-mfa/users/"
            + realm.admin().user(realm.name(), "sven").get("id").asText() + "/exemptions").get(0);
        assertThat(exemption.path("clients").toString()).isEqualTo("[\"reading-room-old\"]");
    }

    private HtmlPage readingRoomLogin(String clientId) {
        WebClient web = new WebClient(realm.server());
        OidcClient client = new OidcClient(realm.url(), clientId, "evergreen-demo-secret");
        return MfaPages.login(web, web.get(client.authorizationUrl(MfaPages.EVERGREEN_REDIRECT)), "sven", "sven-pw");
    }

    @Test
    void unreadableExemptionDataIsNoExemptionAndNoErrorPage() {
        HtmlPage page = evergreenLogin("broken-exemption", "broken-pw");

        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(MfaPages.isEnrolmentStart(page)).as(page.text()).isTrue();
        JsonNode status = realm.admin().get(realm.adminPath() + "/staff-mfa/users/"
            + realm.admin().user(realm.name(), "broken-exemption").get("id").asText());
        assertThat(status.path("exemptions")).isEmpty();
    }
}
