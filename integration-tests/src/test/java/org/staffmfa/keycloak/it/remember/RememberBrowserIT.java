package org.staffmfa.keycloak.it.remember;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient.TokenResponse;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * "Remember this browser": a ticked box after a real second factor lets later logins on the same browser skip the
 * factor (never the password) for the current recheck interval of the user's groups (systems: 8 hours).
 */
@RealKeycloakTest
class RememberBrowserIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @RegisterExtension
    static final DemoRealm otherRealm = new DemoRealm();

    private TotpGenerator systemsUser(String username) {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), username, username + "-pw", secret, "/staff/systems");
        return TotpGenerator.googleAuthenticator(secret);
    }

    private static String codeAt(TotpGenerator app, Duration serverOffset) {
        return app.codeAt(Instant.now().plus(serverOffset));
    }

    private HtmlPage passwordStep(WebClient web, String username) {
        return MfaPages.passwordStep(web, realm, username, username + "-pw");
    }

    /** Logs in with the code, ticking "Remember this browser". */
    private HtmlPage loginRemembering(WebClient web, String username, String code) {
        HtmlPage codePage = passwordStep(web, username);
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM).set("code", code).set("remember", "on"));
        assertThat(done.redirectOutsideKeycloak()).as(done.text()).isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        return done;
    }

    private static boolean skipsTheFactor(HtmlPage afterPassword) {
        return afterPassword.redirectOutsideKeycloak().isPresent();
    }

    @Test
    void aTickedBoxRemembersTheBrowserForTheRecheckIntervalAndNoLonger() {
        TotpGenerator app = systemsUser("ron");
        WebClient web = new WebClient(realm.server());

        HtmlPage codePage = passwordStep(web, "ron");
        assertThat(codePage.text("#staff-mfa-remember label")).isEqualTo("Remember this browser for 8 hours");
        assertThat(codePage.has("#staff-mfa-remember input[type=checkbox][name=remember]:not([checked])")).isTrue();
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM).set("code", app.now()).set("remember", "on"));

        List<String> setCookies = done.setCookies(RememberCookies.PREFIX);
        assertThat(setCookies).hasSize(1);
        assertThat(setCookies.get(0))
            .contains("Path=/realms/" + realm.name() + "/", "Max-Age=28800", "HttpOnly", "SameSite=Lax")
            .doesNotContain("Secure");
        assertThat(latestLogin("ron").path("details").path("mfa_remember_browser").asText()).isEqualTo("true");

        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        HtmlPage again = passwordStep(web, "ron");
        assertThat(skipsTheFactor(again)).as(again.text()).isTrue();
        assertThat(again.setCookies(RememberCookies.PREFIX)).as("a skip must not renew the cookie").isEmpty();
        assertThat(latestLogin("ron").path("details").path("mfa_skip_reason").asText()).isEqualTo("remembered-browser");

        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofHours(8).minusMinutes(1))) {
            RememberCookies.endSsoSessionKeepingRememberCookies(web);
            assertThat(skipsTheFactor(passwordStep(web, "ron"))).isTrue();
        }
        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofHours(8).plusMinutes(1))) {
            RememberCookies.endSsoSessionKeepingRememberCookies(web);
            assertThat(MfaPages.isCodePage(passwordStep(web, "ron"))).isTrue();
        }
    }

    @Test
    void tokensTellARememberedBrowserFromAFreshFactor() {
        TotpGenerator app = systemsUser("tom");
        WebClient web = new WebClient(realm.server());
        OidcClient evergreen = OidcClient.evergreenStaff(realm);

        HtmlPage fresh = loginRemembering(web, "tom", app.now());
        JsonNode freshClaim = evergreen.exchangeCode(fresh.redirectOutsideKeycloak().orElseThrow(), MfaPages.EVERGREEN_REDIRECT)
            .idTokenClaims().path("staff_mfa");
        HtmlPage remembered = passwordStep(web, "tom");
        TokenResponse rememberedTokens = evergreen.exchangeCode(remembered.redirectOutsideKeycloak().orElseThrow(),
            MfaPages.EVERGREEN_REDIRECT);
        JsonNode rememberedClaim = rememberedTokens.accessTokenClaims().path("staff_mfa");

        assertThat(freshClaim.path("factor").asText()).isEqualTo("totp");
        assertThat(freshClaim.path("remembered").asBoolean(true)).isFalse();
        assertThat(rememberedClaim.path("factor").asText()).isEqualTo("totp");
        assertThat(rememberedClaim.path("remembered").asBoolean()).isTrue();
        assertThat(rememberedClaim.path("time").asLong()).isEqualTo(freshClaim.path("time").asLong());
    }

    @Test
    void anUntickedBoxRemembersNothing() {
        TotpGenerator app = systemsUser("una");
        WebClient web = new WebClient(realm.server());

        HtmlPage done = MfaPages.enterCode(web, passwordStep(web, "una"), app.now());

        assertThat(done.redirectOutsideKeycloak()).isPresent();
        assertThat(done.setCookies(RememberCookies.PREFIX)).isEmpty();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        assertThat(MfaPages.isCodePage(passwordStep(web, "una"))).isTrue();
    }

    @Test
    void aGroupForSharedDesksNeverOffersItAndIgnoresAForgedTick() {
        realm.admin().createGroup(realm.name(), "desk", Map.of(
            "staff-mfa.mode", "required", "staff-mfa.recheck-interval", "PT8H", "staff-mfa.remember-browser", "never"));
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "dina", "dina-pw", secret, "/desk");
        WebClient web = new WebClient(realm.server());

        HtmlPage codePage = passwordStep(web, "dina");
        assertThat(codePage.has("#staff-mfa-remember")).isFalse();
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM)
            .set("code", TotpGenerator.googleAuthenticator(secret).now()).set("remember", "on"));

        assertThat(done.redirectOutsideKeycloak()).isPresent();
        assertThat(done.setCookies(RememberCookies.PREFIX)).isEmpty();
    }

    @Test
    void aGroupForPersonalDevicesRemembersWithoutAsking() {
        realm.admin().createGroup(realm.name(), "laptops", Map.of(
            "staff-mfa.mode", "required", "staff-mfa.recheck-interval", "P60D", "staff-mfa.remember-browser", "always"));
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "lars", "lars-pw", secret, "/laptops");
        WebClient web = new WebClient(realm.server());

        HtmlPage codePage = passwordStep(web, "lars");
        // 60 days asked for, 30 days allowed: the realm's default cap.
        assertThat(codePage.text("#staff-mfa-remember-notice")).isEqualTo("This browser will be remembered for 30 days.");
        HtmlPage done = MfaPages.enterCode(web, codePage, TotpGenerator.googleAuthenticator(secret).now());

        assertThat(done.setCookies(RememberCookies.PREFIX)).singleElement().asString().contains("Max-Age=2592000");
        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofDays(29))) {
            RememberCookies.endSsoSessionKeepingRememberCookies(web);
            assertThat(skipsTheFactor(passwordStep(web, "lars"))).isTrue();
        }
        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofDays(31))) {
            RememberCookies.endSsoSessionKeepingRememberCookies(web);
            assertThat(MfaPages.isCodePage(passwordStep(web, "lars"))).isTrue();
        }
    }

    @Test
    void withIntervalZeroNothingIsOffered() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "sina", "sina-pw", secret, "/sandbox");

        HtmlPage codePage = passwordStep(new WebClient(realm.server()), "sina");

        assertThat(MfaPages.isCodePage(codePage)).isTrue();
        assertThat(codePage.has("#staff-mfa-remember")).isFalse();
        assertThat(codePage.has("#staff-mfa-remember-notice")).isFalse();
    }

    @Test
    void aClientForSharedDesksNeitherOffersNorHonoursIt() {
        TotpGenerator app = systemsUser("cleo");
        JsonNode evergreen = realm.admin().get(realm.adminPath() + "/clients?clientId=evergreen-staff").get(0);
        String clientPath = realm.adminPath() + "/clients/" + evergreen.get("id").asText();
        WebClient web = new WebClient(realm.server());

        // Remembered through Alma (SAML) ...
        HtmlPage samlCodePage = MfaPages.login(web, web.get(realm.url() + "/protocol/saml/clients/alma"), "cleo", "cleo-pw");
        HtmlPage samlDone = web.submit(samlCodePage.form(MfaPages.CODE_FORM).set("code", app.now()).set("remember", "on"));
        assertThat(samlDone.setCookies(RememberCookies.PREFIX)).hasSize(1);
        RememberCookies.endSsoSessionKeepingRememberCookies(web);

        ObjectNode client = (ObjectNode) realm.admin().get(clientPath);
        ((ObjectNode) client.get("attributes")).put("staff-mfa.remember-browser", "never");
        realm.admin().put(clientPath, client);
        try {
            // ... but evergreen-staff, a shared-desk client, asks anyway and offers nothing.
            HtmlPage codePage = passwordStep(web, "cleo");
            assertThat(MfaPages.isCodePage(codePage)).isTrue();
            assertThat(codePage.has("#staff-mfa-remember")).isFalse();
        } finally {
            // An attribute left out of an update is kept; a blank value counts as unset.
            ((ObjectNode) client.get("attributes")).put("staff-mfa.remember-browser", "");
            realm.admin().put(clientPath, client);
        }
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        HtmlPage samlAgain = MfaPages.login(web, web.get(realm.url() + "/protocol/saml/clients/alma"), "cleo", "cleo-pw");
        assertThat(samlAgain.has("input[name=SAMLResponse]")).as(samlAgain.text()).isTrue();
    }

    private JsonNode latestLogin(String username) {
        return realm.admin().userEvents(realm.name(), username, "LOGIN").get(0);
    }

    @Test
    void confirmingANewAppMayRememberTheBrowserToo() {
        realm.admin().createUser(realm.name(), "nick", "nick-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(web, passwordStep(web, "nick"));
        assertThat(setup.text("#staff-mfa-remember label")).isEqualTo("Remember this browser for 8 hours");

        HtmlPage done = web.submit(setup.form(MfaPages.TOTP_SETUP_FORM)
            .set("code", TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup)).now())
            .set("remember", "on"));

        assertThat(done.setCookies(RememberCookies.PREFIX)).hasSize(1);
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        assertThat(skipsTheFactor(passwordStep(web, "nick"))).isTrue();
    }

    @Test
    void theIntervalIsSpelledOutInGerman() {
        systemsUser("gerd");

        HtmlPage codePage = passwordStep(new WebClient(realm.server()).acceptLanguage("de"), "gerd");

        assertThat(codePage.text("#staff-mfa-remember label")).isEqualTo("Diesen Browser 8 Stunden lang merken");
    }
}
