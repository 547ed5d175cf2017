package org.staffmfa.keycloak.it.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/** Client and user exemptions: who may grant them, what they cover, and that users cannot touch them. */
@RealKeycloakTest
class ExemptionIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    /** An MFA admin in no MFA group (so the password grant for the admin API needs no code). */
    static AdminClient mfaAdmin;
    /** A user administrator without the MFA admin role. */
    static AdminClient userAdmin;

    @BeforeAll
    static void administrators() {
        realm.admin().createUser(realm.name(), "mfa-admin", "mfa-admin-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "mfa-admin", "manage-mfa", "view-users", "query-users");
        mfaAdmin = AdminClient.asRealmUser(realm.server(), realm.name(), "mfa-admin", "mfa-admin-pw");
        realm.admin().createUser(realm.name(), "helpdesk", "helpdesk-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "helpdesk", "manage-users", "view-users", "query-users");
        userAdmin = AdminClient.asRealmUser(realm.server(), realm.name(), "helpdesk", "helpdesk-pw");
    }

    private String userId(String username) {
        return realm.admin().user(realm.name(), username).get("id").asText();
    }

    private String exemptionsPath(String username) {
        return realm.adminPath() + "/staff-mfa/users/" + userId(username) + "/exemptions";
    }

    private TotpGenerator systemsUser(String username) {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), username, username + "-pw", secret, "/staff/systems");
        return TotpGenerator.googleAuthenticator(secret);
    }

    private HtmlPage evergreenLogin(String username) {
        return evergreenLogin(username, username + "-pw");
    }

    private HtmlPage evergreenLogin(String username, String password) {
        return MfaPages.passwordStep(new WebClient(realm.server()), realm, username, password);
    }

    private HtmlPage almaLogin(String username) {
        return almaLogin(username, username + "-pw");
    }

    private HtmlPage almaLogin(String username, String password) {
        WebClient web = new WebClient(realm.server());
        return MfaPages.login(web, web.get(realm.url() + "/protocol/saml/clients/alma"), username, password);
    }

    @Test
    void theSip2GatewayIsExemptForEveryone() {
        TotpGenerator app = systemsUser("sofia");

        OidcClient.TokenResponse tokens = OidcClient.sip2Gateway(realm).passwordGrant("sofia", "sofia-pw");

        assertThat(tokens.ok()).as(tokens.json().toString()).isTrue();
        assertThat(realm.admin().userEvents(realm.name(), "sofia", "LOGIN").get(0).path("details").path("mfa_skip_reason")
            .asText()).isEqualTo("exempt-client");
        assertThat(app).isNotNull();
    }

    @Test
    void theDemoUserErikIsExemptForEvergreenOnlyUntil2030() {
        HtmlPage evergreen = evergreenLogin("erik", "erik-demo");
        assertThat(evergreen.redirectOutsideKeycloak()).as(evergreen.text()).isPresent();
        assertThat(MfaPages.isEnrolChooser(almaLogin("erik", "erik-demo"))).as("alma is not covered: erik must enrol").isTrue();

        JsonNode exemption = mfaAdmin.get(exemptionsPath("erik")).get(0);
        assertThat(exemption.path("clients").toString()).isEqualTo("[\"evergreen-staff\"]");
        assertThat(exemption.path("expires").asText()).isEqualTo("2030-06-30T00:00:00Z");
        assertThat(exemption.path("reason").asText()).contains("workstation");
    }

    @Test
    void anMfaAdminGrantsAnExemptionForOneClientAndRevokesIt() {
        systemsUser("gina");
        assertThat(MfaPages.isCodePage(evergreenLogin("gina"))).isTrue();

        HttpResponse<String> granted = mfaAdmin.post(exemptionsPath("gina"),
            Map.of("clients", List.of("evergreen-staff"), "reason", "Migration weekend"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String id = AdminClient.readJson(granted.body()).get("id").asText();

        assertThat(evergreenLogin("gina").redirectOutsideKeycloak()).isPresent();
        assertThat(MfaPages.isCodePage(almaLogin("gina"))).isTrue();
        JsonNode event = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=USER&operationTypes=CREATE").get(0);
        assertThat(event.path("resourcePath").asText()).isEqualTo("users/" + userId("gina") + "/staff-mfa/exemptions/" + id);
        assertThat(event.path("representation").asText()).contains("Migration weekend");

        assertThat(mfaAdmin.delete(exemptionsPath("gina") + "/" + id).statusCode()).isEqualTo(204);
        assertThat(MfaPages.isCodePage(evergreenLogin("gina"))).isTrue();
        assertThat(mfaAdmin.delete(exemptionsPath("gina") + "/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anExemptionForAllClientsCoversSamlToo() {
        systemsUser("hedi");

        mfaAdmin.post(exemptionsPath("hedi"), Map.of("reason", "Conference kiosk"));

        assertThat(almaLogin("hedi").has("input[name=SAMLResponse]")).isTrue();
    }

    @Test
    void anExpiredExemptionStopsApplyingByItself() {
        systemsUser("ines");
        String expiry = Instant.now().plus(Duration.ofHours(1)).toString();
        assertThat(mfaAdmin.post(exemptionsPath("ines"), Map.of("expires", expiry, "reason", "One hour")).statusCode())
            .isEqualTo(201);

        assertThat(evergreenLogin("ines").redirectOutsideKeycloak()).isPresent();
        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofHours(2))) {
            assertThat(MfaPages.isCodePage(evergreenLogin("ines"))).isTrue();
            assertThat(mfaAdmin.get(exemptionsPath("ines")).get(0).path("expired").asBoolean()).isTrue();
        }
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        systemsUser("jana");
        String path = exemptionsPath("jana");

        assertBadRequest(mfaAdmin.post(path, Map.of("clients", List.of("no-such-client"), "reason", "x")), "Unknown client");
        assertBadRequest(mfaAdmin.post(path, Map.of("expires", "next tuesday", "reason", "x")), "ISO-8601");
        assertBadRequest(mfaAdmin.post(path, Map.of("expires", "2001-01-01T00:00:00Z", "reason", "x")), "in the past");
        assertBadRequest(mfaAdmin.post(path, Map.of("clients", List.of("evergreen-staff"))), "\"reason\" is required");
        assertBadRequest(mfaAdmin.post(path, Map.of("reason", "   ")), "\"reason\" is required");
        assertBadRequest(mfaAdmin.post(path, Map.of("reason", "x".repeat(501))), "at most 500");
        assertThat(mfaAdmin.post(path, Map.of("reason", "x", "unexpected", true)).statusCode()).isEqualTo(400);
        assertThat(mfaAdmin.post(realm.adminPath() + "/staff-mfa/users/no-such-user/exemptions", Map.of("reason", "x"))
            .statusCode()).isEqualTo(404);

        assertThat(mfaAdmin.get(path)).isEmpty();
        assertThat(MfaPages.isCodePage(evergreenLogin("jana"))).isTrue();
    }

    @Test
    void onlyMfaAdminsGrantAndNobodyGrantsToThemself() {
        systemsUser("kurt");

        assertThat(userAdmin.post(exemptionsPath("kurt"), Map.of("reason", "please")).statusCode()).isEqualTo(403);
        assertThat(mfaAdmin.post(exemptionsPath("mfa-admin"), Map.of("reason", "me")).statusCode()).isEqualTo(403);
        assertThat(mfaAdmin.get(exemptionsPath("kurt"))).isEmpty();
        assertThat(mfaAdmin.get(exemptionsPath("mfa-admin"))).isEmpty();
    }

    @Test
    void aUserAdministratorCannotSlipAnExemptionIntoANewUser() {
        Map<String, Object> user = Map.of("username", "sneaky", "enabled", true,
            "credentials", List.of(Map.of("type", "staff-mfa-exemption", "secretData", "{}",
                "credentialData", "{\"clients\":[],\"reason\":\"self-made\",\"grantedAt\":0}")));

        HttpResponse<String> response = userAdmin.post(realm.adminPath() + "/users", user);

        assertThat(response.statusCode()).isNotEqualTo(201);
        assertThat(realm.admin().get(realm.adminPath() + "/users?exact=true&username=sneaky")).isEmpty();
    }

    @Test
    void usersCannotSeeRemoveOrChangeTheirExemption() throws Exception {
        realm.admin().createUser(realm.name(), "lena", "lena-pw", null, "/staff/circulation");
        mfaAdmin.post(exemptionsPath("lena"), Map.of("clients", List.of("alma"), "reason", "Alma batch account"));
        String exemptionId = mfaAdmin.get(exemptionsPath("lena")).get(0).get("id").asText();
        String token = OidcClient.staffCli(realm).passwordGrant("lena", "lena-pw").json().get("access_token").asText();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> listed = http.send(account(token, "/credentials").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> deleted = http.send(account(token, "/credentials/" + exemptionId).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> profile = http.send(account(token, "/")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"lena\",\"email\":\"lena@library.example\","
                + "\"firstName\":\"lena\",\"lastName\":\"Test\",\"attributes\":{\"staff-mfa.exempt\":[\"true\"]}}"))
            .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(exemptionId).doesNotContain("staff-mfa-exemption");
        assertThat(deleted.statusCode()).isIn(400, 403, 404);
        assertThat(profile.statusCode()).isIn(204, 400);
        JsonNode stillThere = mfaAdmin.get(exemptionsPath("lena")).get(0);
        assertThat(stillThere.get("id").asText()).isEqualTo(exemptionId);
        assertThat(stillThere.path("clients").toString()).isEqualTo("[\"alma\"]");
        assertThat(stillThere.path("reason").asText()).isEqualTo("Alma batch account");
    }

    private HttpRequest.Builder account(String token, String path) {
        return HttpRequest.newBuilder(URI.create(realm.url() + "/account" + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    }

    private static void assertBadRequest(HttpResponse<String> response, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(AdminClient.readJson(response.body()).path("error_description").asText()).contains(messagePart);
    }
}
