package org.staffmfa.keycloak.it.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Users changing their own factors: only with a second factor passed in the last minutes of this session (5 by
 * default), never the last one in required mode, and each change is mailed to them. Covers Keycloak's account REST
 * API (GHSA-8g9r-9wjw-37j4) and its application-initiated actions.
 */
@RealKeycloakTest
class FactorChangesIT {

    static final String FIRST = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final String SECOND = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> Mails.sendTo(json, mail));

    private final HttpClient http = HttpClient.newHttpClient();

    private String credentialId(String username, String label) {
        JsonNode credentials = realm.admin().userCredentials(realm.name(), username);
        return StreamSupport.stream(credentials.spliterator(), false)
            .filter(credential -> label.equals(credential.path("userLabel").asText()))
            .findFirst().orElseThrow().get("id").asText();
    }

    private HttpResponse<String> deleteThroughAccountApi(String accessToken, String credentialId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realm.url() + "/account/credentials/" + credentialId))
            .header("Authorization", "Bearer " + accessToken)
            .header("Accept", "application/json")
            .DELETE().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A token from a login that passed TOTP just now (the password grant with the {@code totp} parameter). */
    private String tokenWithFactor(String username, String password, String code) {
        return loginWithFactor(username, password, code).json().get("access_token").asText();
    }

    private OidcClient.TokenResponse loginWithFactor(String username, String password, String code) {
        OidcClient.TokenResponse token = OidcClient.staffCli(realm).passwordGrant(username, password, Map.of("totp", code));
        assertThat(token.ok()).as(token.json().toString()).isTrue();
        return token;
    }

    @Test
    void aPasswordOnlySessionCannotRemoveAFactorThroughTheAccountApi() throws Exception {
        String userId = realm.admin().createUserWithApps(realm.name(), "gina", "gina-pw", List.of(FIRST, SECOND),
            "/staff/systems");
        // Exempt for the command-line client: its logins are password-only.
        assertThat(realm.admin().post(realm.adminPath() + "/staff-mfa/users/" + userId + "/exemptions",
            Map.of("clients", List.of("staff-cli"), "reason", "scripted reports")).statusCode()).isEqualTo(201);
        OidcClient.TokenResponse passwordOnly = OidcClient.staffCli(realm).passwordGrant("gina", "gina-pw");
        assertThat(passwordOnly.ok()).isTrue();

        HttpResponse<String> refused = deleteThroughAccountApi(passwordOnly.json().get("access_token").asText(),
            credentialId("gina", "App 1"));

        assertThat(refused.statusCode()).as(refused.body()).isIn(400, 403);
        assertThat(realm.admin().userCredentials(realm.name(), "gina").toString()).contains("App 1").contains("App 2");
    }

    @Test
    void aFreshFactorAllowsRemovalStaleOneDoesNotAndTheLastOneStays() throws Exception {
        realm.admin().createUserWithApps(realm.name(), "hugo", "hugo-pw", List.of(FIRST, SECOND), "/staff/systems");
        OidcClient.TokenResponse earlier = loginWithFactor("hugo", "hugo-pw", TotpGenerator.googleAuthenticator(FIRST).now());
        try (TestClock later = TestClock.shiftedBy(realm.server(), Duration.ofMinutes(6))) {
            // Same session six minutes later (a refreshed token): the factor is no longer fresh.
            OidcClient.TokenResponse refreshed = OidcClient.staffCli(realm).refresh(earlier.json().get("refresh_token").asText());
            assertThat(refreshed.ok()).as(refreshed.json().toString()).isTrue();
            HttpResponse<String> refused = deleteThroughAccountApi(refreshed.json().get("access_token").asText(),
                credentialId("hugo", "App 1"));
            assertThat(refused.statusCode()).as(refused.body()).isIn(400, 403);
        }
        assertThat(realm.admin().userCredentials(realm.name(), "hugo").toString()).contains("App 1");

        Set<String> mailsBefore = Mails.seen(mail);
        // Both codes of the second app from one instant, so that a step boundary cannot push the later one out.
        Instant now = Instant.now();
        String secondNow = TotpGenerator.googleAuthenticator(SECOND).codeAt(now);
        String secondNext = TotpGenerator.googleAuthenticator(SECOND).codeAt(now.plusSeconds(30));
        String fresh = tokenWithFactor("hugo", "hugo-pw", secondNow);
        HttpResponse<String> removed = deleteThroughAccountApi(fresh, credentialId("hugo", "App 1"));

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(realm.admin().userCredentials(realm.name(), "hugo").toString()).doesNotContain("App 1");
        MimeMessage notice = Mails.awaitMail(mail, mailsBefore, "hugo@library.example", "A second factor was removed");
        assertThat(Mails.plainText(notice)).contains("Authenticator app").contains("App 1");

        // Required mode: the last factor stays, even in a fresh session.
        String last = credentialId("hugo", "App 2");
        assertThat(deleteThroughAccountApi(tokenWithFactor("hugo", "hugo-pw", secondNext), last).statusCode()).isIn(400, 403);
        assertThat(realm.admin().userCredentials(realm.name(), "hugo").toString()).contains(last);
    }

    @Test
    void addingAFactorInAnOlderSessionAsksForTheSecondFactorFirst() {
        realm.admin().createUser(realm.name(), "ines", "ines-pw", FIRST, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        OidcClient evergreen = OidcClient.evergreenStaff(realm);
        HtmlPage codePage = MfaPages.login(web, web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT)), "ines", "ines-pw");
        assertThat(MfaPages.enterCode(web, codePage, TotpGenerator.googleAuthenticator(FIRST).now()).redirectOutsideKeycloak())
            .isPresent();

        // Within five minutes the SSO session is fresh enough: after the password (Keycloak asks for it again before
        // credential actions) straight to Keycloak's authenticator setup.
        HtmlPage freshSetup = reauthenticated(web, web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT)
            + "&kc_action=CONFIGURE_TOTP"), "ines", "ines-pw");
        assertThat(freshSetup.has("#kc-totp-settings-form")).as(freshSetup.text()).isTrue();

        try (TestClock later = TestClock.shiftedBy(realm.server(), Duration.ofMinutes(6))) {
            HtmlPage stepUp = reauthenticated(web, web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT)
                + "&kc_action=CONFIGURE_TOTP"), "ines", "ines-pw");

            assertThat(MfaPages.isCodePage(stepUp)).as(stepUp.text()).isTrue();
            assertThat(stepUp.has("#staff-mfa-remember")).isFalse();
            HtmlPage setup = MfaPages.enterCode(web, stepUp,
                TotpGenerator.googleAuthenticator(FIRST).codeAt(Instant.now().plus(later.offset())));
            assertThat(setup.has("#kc-totp-settings-form")).as(setup.text()).isTrue();
        }
    }

    private static HtmlPage reauthenticated(WebClient web, HtmlPage page, String username, String password) {
        return page.has(MfaPages.LOGIN_FORM) ? MfaPages.login(web, page, username, password) : page;
    }
}
