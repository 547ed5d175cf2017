package org.staffmfa.keycloak.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient.TokenResponse;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/** The demo realm imports and its users can log in through each kind of demo client. */
@RealKeycloakTest
class DemoRealmIT {

    static final String EVERGREEN_REDIRECT = "http://localhost:8081/evergreen/callback";
    static final String CAROL_TOTP_SECRET = "4TFRJCFONMETU6QFSXA3NGRKYJ443ON7";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @Test
    void realmHasTheStaffGroupTreeAndBruteForceProtection() {
        JsonNode representation = realm.admin().get(realm.adminPath());
        List<String> groupPaths = new ArrayList<>();
        realm.admin().get(realm.adminPath() + "/groups").forEach(group -> collectPaths(group, groupPaths));

        assertThat(representation.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(representation.path("browserFlow").asText()).isEqualTo("staff browser");
        assertThat(groupPaths).contains("/staff", "/staff/circulation", "/staff/cataloging", "/staff/systems", "/sandbox");
    }

    @Test
    void aliceLogsIntoEvergreenStaffWithTheAuthorizationCodeFlow() {
        OidcClient evergreen = OidcClient.evergreenStaff(realm);
        WebClient web = new WebClient(realm.server());

        HtmlPage loginPage = web.get(evergreen.authorizationUrl(EVERGREEN_REDIRECT));
        // alice's groups allow MFA without requiring it: she skips the enrolment offer if it is made.
        HtmlPage offer = web.submit(loginPage.form("#kc-form-login").set("username", "alice").set("password", "alice-demo"));
        HtmlPage afterLogin = MfaPages.skipEnrolmentIfOffered(web, offer);

        URI redirect = afterLogin.redirectOutsideKeycloak().orElseThrow(() -> new AssertionError("Not logged in: " + afterLogin.text()));
        TokenResponse tokens = evergreen.exchangeCode(redirect, EVERGREEN_REDIRECT);
        assertThat(tokens.ok()).as(tokens.json().toString()).isTrue();
        assertThat(tokens.idTokenClaims().path("preferred_username").asText()).isEqualTo("alice");
    }

    @Test
    void loginPageRejectsAWrongPassword() {
        WebClient web = new WebClient(realm.server());

        HtmlPage loginPage = web.get(OidcClient.evergreenStaff(realm).authorizationUrl(EVERGREEN_REDIRECT));
        HtmlPage rejected = web.submit(loginPage.form("#kc-form-login").set("username", "alice").set("password", "wrong"));

        assertThat(rejected.redirectOutsideKeycloak()).isEmpty();
        assertThat(rejected.has("#kc-form-login")).isTrue();
        assertThat(rejected.text("#input-error-username")).isEqualTo("Invalid username or password.");
    }

    @Test
    void carolsImportedTotpSecretFromTheReadmeWorks() {
        OidcClient evergreen = OidcClient.evergreenStaff(realm);
        WebClient web = new WebClient(realm.server());

        HtmlPage loginPage = web.get(evergreen.authorizationUrl(EVERGREEN_REDIRECT));
        // carol's group (systems) requires MFA, so the staff browser flow asks for her app's code.
        HtmlPage otpPage = web.submit(loginPage.form("#kc-form-login").set("username", "carol").set("password", "carol-demo"));
        HtmlPage afterOtp = web.submit(otpPage.form("#staff-mfa-code-form")
            .set("code", TotpGenerator.googleAuthenticator(CAROL_TOTP_SECRET).now()));

        assertThat(afterOtp.redirectOutsideKeycloak()).as(afterOtp.text()).isPresent();
        assertThat(realm.admin().userCredentials(realm.name(), "carol"))
            .extracting(credential -> credential.path("type").asText()).contains("password", "otp");
    }

    @Test
    void staffScriptsUseThePasswordGrantOnStaffCli() {
        TokenResponse tokens = OidcClient.staffCli(realm).passwordGrant("dave", "dave-demo");

        assertThat(tokens.ok()).as(tokens.json().toString()).isTrue();
        assertThat(tokens.accessTokenClaims().path("preferred_username").asText()).isEqualTo("dave");
    }

    @Test
    void sip2GatewayNeedsItsClientSecret() {
        TokenResponse withSecret = OidcClient.sip2Gateway(realm).passwordGrant("alice", "alice-demo");
        TokenResponse withoutSecret = new OidcClient(realm.url(), "sip2-gateway", "wrong-secret").passwordGrant("alice", "alice-demo");

        assertThat(withSecret.ok()).as(withSecret.json().toString()).isTrue();
        assertThat(withoutSecret.status()).isEqualTo(401);
        assertThat(withoutSecret.error()).isEqualTo("unauthorized_client");
    }

    @Test
    void evergreenStaffDoesNotAcceptThePasswordGrant() {
        TokenResponse tokens = OidcClient.evergreenStaff(realm).passwordGrant("alice", "alice-demo");

        assertThat(tokens.ok()).isFalse();
        assertThat(tokens.error()).isEqualTo("unauthorized_client");
    }

    @Test
    void aliceLogsIntoAlmaOverSaml() {
        WebClient web = new WebClient(realm.server());

        HtmlPage loginPage = web.get(realm.url() + "/protocol/saml/clients/alma");
        HtmlPage offer = web.submit(loginPage.form("#kc-form-login").set("username", "alice").set("password", "alice-demo"));
        HtmlPage samlPost = MfaPages.skipEnrolmentIfOffered(web, offer);

        String samlResponse = new String(Base64.getDecoder().decode(
            samlPost.form("form").fields().get("SAMLResponse")), StandardCharsets.UTF_8);
        assertThat(samlPost.form("form").action()).hasToString("http://localhost:8081/alma/saml/acs");
        assertThat(samlResponse).contains("urn:oasis:names:tc:SAML:2.0:status:Success").contains(">alice</");
    }

    private static void collectPaths(JsonNode group, List<String> paths) {
        paths.add(group.path("path").asText());
        realm.admin().get(realm.adminPath() + "/groups/" + group.path("id").asText() + "/children")
            .forEach(child -> collectPaths(child, paths));
    }
}
