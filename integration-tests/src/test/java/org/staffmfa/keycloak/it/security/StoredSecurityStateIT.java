package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, items 6 and 10: MFA security state is kept where only the extension writes it. A user
 * administrator cannot undo a revocation of remembered browsers or pretend a user skipped enrolment by editing user
 * attributes. A code whose realm key was removed meanwhile gives a new code, not an error page.
 */
@RealKeycloakTest
class StoredSecurityStateIT {

    @RegisterExtension
    @Order(1)
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    @Order(2)
    static final DemoRealm realm = new DemoRealm(json -> Mails.sendTo(json, mail));

    static AdminClient helpdesk;

    /**
     * Sites that keep their own data in user attributes turn on unmanaged attributes: then administrators and users
     * themselves can edit attributes the user profile does not declare.
     */
    @BeforeAll
    static void unmanagedAttributesAndAHelpDesk() {
        ObjectNode profile = (ObjectNode) realm.admin().get(realm.adminPath() + "/users/profile");
        profile.put("unmanagedAttributePolicy", "ENABLED");
        assertThat(realm.admin().put(realm.adminPath() + "/users/profile", profile).statusCode()).isEqualTo(200);
        realm.admin().createUser(realm.name(), "helpdesk", "helpdesk-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "helpdesk", "manage-users", "view-users", "query-users");
        helpdesk = AdminClient.asRealmUser(realm.server(), realm.name(), "helpdesk", "helpdesk-pw");
    }

    private String userPath(String username) {
        return realm.adminPath() + "/users/" + realm.admin().user(realm.name(), username).get("id").asText();
    }

    @Test
    void aUserAdministratorCannotUndoARevocationOfRememberedBrowsers() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "walt", "walt-pw", secret, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "walt", "walt-pw");
        assertThat(web.submit(codePage.form(MfaPages.CODE_FORM)
            .set("code", TotpGenerator.googleAuthenticator(secret).now()).set("remember", "on"))
            .redirectOutsideKeycloak()).isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        // What the help desk can read before the revocation, to put it back afterwards.
        JsonNode before = helpdesk.get(userPath("walt"));

        assertThat(realm.admin().delete(realm.adminPath() + "/staff-mfa/users/"
            + before.get("id").asText() + "/remembered-browsers").statusCode()).isEqualTo(204);
        HttpResponse<String> putBack = helpdesk.put(userPath("walt"), before);

        assertThat(putBack.statusCode()).isIn(204, 400);
        assertThat(MfaPages.isCodePage(MfaPages.passwordStep(web, realm, "walt", "walt-pw")))
            .as("the revoked browser stays forgotten").isTrue();
    }

    @Test
    void exportedUsersWithMfaStateCanBeImportedAgainWithoutIt() {
        ObjectNode body = AdminClient.json().put("ifResourceExists", "FAIL");
        ObjectNode zoe = body.putArray("users").addObject()
            .put("username", "zoe").put("enabled", true).put("email", "zoe@library.example");
        zoe.putArray("credentials").addObject()
            .put("type", "staff-mfa-state")
            .put("secretData", "{\"rememberSalt\":\"an-old-salt\",\"enrolmentSkippedAt\":4102444800}")
            .put("credentialData", "{}");

        HttpResponse<String> imported = realm.admin().post(realm.adminPath() + "/partialImport", body);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(realm.admin().userCredentials(realm.name(), "zoe").toString()).doesNotContain("staff-mfa-state");
    }

    @Test
    void aUserAdministratorCannotMarkEnrolmentAsSkipped() {
        realm.admin().createUser(realm.name(), "xena", "xena-pw", null, "/staff/circulation");
        ObjectNode xena = (ObjectNode) helpdesk.get(userPath("xena"));
        xena.putObject("attributes").putArray("staff-mfa.enrolment-skipped-at")
            .add(Long.toString(System.currentTimeMillis() / 1000));

        helpdesk.put(userPath("xena"), xena);

        assertThat(MfaPages.isEnrolChooser(MfaPages.passwordStep(new WebClient(realm.server()), realm, "xena", "xena-pw")))
            .as("allowed mode: xena is still offered enrolment").isTrue();
    }

    @Test
    void aUserCannotMarkTheirOwnEnrolmentAsSkipped() {
        realm.admin().createUser(realm.name(), "yara", "yara-pw", null, "/staff/circulation");
        String token = OidcClient.staffCli(realm).passwordGrant("yara", "yara-pw").json().get("access_token").asText();
        ApiCaller yara = new ApiCaller(realm.server(), token);
        ObjectNode account = (ObjectNode) AdminClient.readJson(yara.get("/realms/" + realm.name() + "/account/").body());
        account.putObject("attributes").putArray("staff-mfa.enrolment-skipped-at")
            .add(Long.toString(System.currentTimeMillis() / 1000));

        yara.send("POST", "/realms/" + realm.name() + "/account/", account.toString());

        assertThat(MfaPages.isEnrolChooser(MfaPages.passwordStep(new WebClient(realm.server()), realm, "yara", "yara-pw")))
            .as("allowed mode: yara is still offered enrolment").isTrue();
    }

    @Test
    /**
     * The realm's HMAC key derives the code and also signs Keycloak's login-session cookie, so after the key is
     * replaced Keycloak itself asks the user to start over (a 400 page, never an error 500); the new login gets a new
     * code that works.
     */
    void aCodeWhoseRealmKeyWasRemovedIsReplacedByANewOne() throws Exception {
        realm.admin().createUserWithCredentials(realm.name(), "yves", "yves-pw", List.of(),
            List.of(AdminClient.contactCredential("staff-mfa-email", "address", "yves@library.example")), "/staff/systems");
        WebClient web = new WebClient(realm.server());
        Set<String> seen = Mails.seen(mail);
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "yves", "yves-pw");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        Mails.awaitCode(mail, seen, "yves@library.example");

        replaceTheRealmsHmacKey();
        Set<String> seenAgain = Mails.seen(mail);
        HtmlPage afterResend = web.submit(codePage.form("#staff-mfa-code-actions").press("resend"));

        assertThat(afterResend.status()).as(afterResend.text()).isLessThan(500);
        HtmlPage page = MfaPages.isCodePage(afterResend) ? afterResend
            : MfaPages.passwordStep(web, realm, "yves", "yves-pw");
        assertThat(MfaPages.isCodePage(page)).as(page.text()).isTrue();
        assertThat(MfaPages.enterCode(web, page, Mails.awaitCode(mail, seenAgain, "yves@library.example")).redirectOutsideKeycloak()).isPresent();
    }

    private void replaceTheRealmsHmacKey() {
        String realmId = realm.admin().get(realm.adminPath()).get("id").asText();
        for (JsonNode component : realm.admin().get(realm.adminPath() + "/components?type=org.keycloak.keys.KeyProvider")) {
            if (component.path("providerId").asText().equals("hmac-generated")) {
                realm.admin().delete(realm.adminPath() + "/components/" + component.get("id").asText());
            }
        }
        ObjectNode key = AdminClient.json()
            .put("name", "hmac-replacement")
            .put("providerId", "hmac-generated")
            .put("providerType", "org.keycloak.keys.KeyProvider")
            .put("parentId", realmId);
        ObjectNode config = key.putObject("config");
        config.putArray("priority").add("100");
        config.putArray("algorithm").add("HS512");
        assertThat(realm.admin().post(realm.adminPath() + "/components", key).statusCode()).isEqualTo(201);
    }

}
