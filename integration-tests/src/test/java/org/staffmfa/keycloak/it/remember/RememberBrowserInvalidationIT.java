package org.staffmfa.keycloak.it.remember;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/** A remembered browser stops counting the moment anything it depends on changes, and a forged one never counts. */
@RealKeycloakTest
class RememberBrowserInvalidationIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @RegisterExtension
    static final DemoRealm otherRealm = new DemoRealm();

    /** A systems user (8 h) whose browser is remembered; returns the browser. */
    private WebClient rememberedBrowser(DemoRealm where, String username) {
        String secret = TotpGenerator.randomBase32Secret();
        where.admin().createUser(where.name(), username, username + "-pw", secret, "/staff/systems");
        WebClient web = new WebClient(where.server());
        HtmlPage codePage = MfaPages.passwordStep(web, where, username, username + "-pw");
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM)
            .set("code", TotpGenerator.googleAuthenticator(secret).now()).set("remember", "on"));
        assertThat(done.setCookies(RememberCookies.PREFIX)).hasSize(1);
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        return web;
    }

    private static HtmlPage login(WebClient web, DemoRealm where, String username) {
        return MfaPages.passwordStep(web, where, username, username + "-pw");
    }

    private static HttpCookie rememberCookie(WebClient web) {
        return RememberCookies.find(web).orElseThrow(() -> new AssertionError("no remember cookie"));
    }

    private static void replaceValue(WebClient web, UnaryOperator<String> change) {
        HttpCookie cookie = rememberCookie(web);
        web.cookies().set(cookie.getDomain(), cookie.getPath(), cookie.getName(), change.apply(cookie.getValue()));
    }

    enum Tampering {
        FLIPPED_BYTE_IN_PAYLOAD(value -> flip(value, value.indexOf('.') + 5)),
        FLIPPED_BYTE_IN_SIGNATURE(value -> flip(value, value.length() - 3)),
        TRUNCATED_SIGNATURE(value -> value.substring(0, value.length() - 10)),
        SIGNATURE_REMOVED(value -> value.substring(0, value.lastIndexOf('.') + 1)),
        ALGORITHM_NONE(value -> "eyJhbGciOiJub25lIn0" + value.substring(value.indexOf('.'), value.lastIndexOf('.') + 1)),
        GARBAGE(value -> "not-a-token");

        private final UnaryOperator<String> change;

        Tampering(UnaryOperator<String> change) {
            this.change = change;
        }

        private static String flip(String value, int index) {
            char c = value.charAt(index);
            return value.substring(0, index) + (c == 'A' ? 'B' : 'A') + value.substring(index + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    void anAlteredCookieForcesTheFactorAndIsTakenOffTheBrowser(Tampering tampering) {
        String username = "tam" + tampering.ordinal();
        WebClient web = rememberedBrowser(realm, username);
        replaceValue(web, tampering.change);

        HtmlPage page = login(web, realm, username);

        assertThat(MfaPages.isCodePage(page)).as(page.text()).isTrue();
        assertThat(page.setCookies(RememberCookies.PREFIX)).singleElement().asString().contains("Max-Age=0");
    }

    @Test
    void anotherUsersCookieDoesNotHelp() {
        WebClient aliceBrowser = rememberedBrowser(realm, "anna");
        realm.admin().createUser(realm.name(), "bert", "bert-pw", TotpGenerator.randomBase32Secret(), "/staff/systems");
        HttpCookie annas = rememberCookie(aliceBrowser);
        String realmId = realm.admin().get(realm.adminPath()).get("id").asText();
        String bertsName = RememberCookies.nameFor(realmId, realm.admin().user(realm.name(), "bert").get("id").asText());
        WebClient web = new WebClient(realm.server());
        web.cookies().set(annas.getDomain(), annas.getPath(), bertsName, annas.getValue());

        assertThat(MfaPages.isCodePage(login(web, realm, "bert"))).isTrue();
    }

    @Test
    void twoUsersSharingABrowserKeepTheirOwnCookies() {
        WebClient web = rememberedBrowser(realm, "sue");
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "sam2", "sam2-pw", secret, "/staff/systems");
        HtmlPage codePage = login(web, realm, "sam2");
        assertThat(MfaPages.isCodePage(codePage)).isTrue();
        web.submit(codePage.form(MfaPages.CODE_FORM).set("code", TotpGenerator.googleAuthenticator(secret).now()).set("remember", "on"));
        RememberCookies.endSsoSessionKeepingRememberCookies(web);

        assertThat(web.cookies().all()).filteredOn(c -> c.getName().startsWith(RememberCookies.PREFIX)).hasSize(2);
        assertThat(login(web, realm, "sue").redirectOutsideKeycloak()).isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        assertThat(login(web, realm, "sam2").redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void aCookieFromAnotherRealmDoesNotHelp() {
        WebClient otherBrowser = rememberedBrowser(otherRealm, "olaf");
        realm.admin().createUser(realm.name(), "olaf", "olaf-pw", TotpGenerator.randomBase32Secret(), "/staff/systems");
        String realmId = realm.admin().get(realm.adminPath()).get("id").asText();
        String name = RememberCookies.nameFor(realmId, realm.admin().user(realm.name(), "olaf").get("id").asText());
        WebClient web = new WebClient(realm.server());
        web.cookies().set("localhost", "/realms/" + realm.name() + "/", name, rememberCookie(otherBrowser).getValue());

        assertThat(MfaPages.isCodePage(login(web, realm, "olaf"))).isTrue();
    }

    @Test
    void deletingTheAppVoidsIt() {
        WebClient web = rememberedBrowser(realm, "dean");
        JsonNode otp = otpCredential("dean");
        realm.admin().delete(realm.adminPath() + "/users/" + userId("dean") + "/credentials/" + otp.get("id").asText());

        // Required and without a factor now: enrolment, not a skip.
        assertThat(MfaPages.isEnrolChooser(login(web, realm, "dean"))).isTrue();
    }

    @Test
    void aPasswordChangeVoidsIt() {
        WebClient web = rememberedBrowser(realm, "paul");
        realm.admin().put(realm.adminPath() + "/users/" + userId("paul") + "/reset-password",
            Map.of("type", "password", "value", "paul-pw", "temporary", false));

        assertThat(MfaPages.isCodePage(login(web, realm, "paul"))).isTrue();
    }

    @Test
    void anAdministratorCanRevokeAUsersRememberedBrowsers() {
        WebClient web = rememberedBrowser(realm, "rhea");

        assertThat(realm.admin().delete(realm.adminPath() + "/staff-mfa/users/" + userId("rhea") + "/remembered-browsers")
            .statusCode()).isEqualTo(204);

        assertThat(MfaPages.isCodePage(login(web, realm, "rhea"))).isTrue();
        JsonNode event = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=USER&operationTypes=DELETE").get(0);
        assertThat(event.path("resourcePath").asText()).isEqualTo("users/" + userId("rhea") + "/staff-mfa/remembered-browsers");
        assertThat(event.path("details").path("staff_mfa_action").asText()).isEqualTo("revoke-remembered-browsers");
        assertThat(event.path("authDetails").path("realmId").asText()).isNotEmpty();
    }

    @Test
    void leavingTheGroupOrShorteningTheIntervalTakesEffectAtOnce() {
        WebClient moved = rememberedBrowser(realm, "mona");
        WebClient shortened = rememberedBrowser(realm, "hank");
        String sandboxId = realm.admin().get(realm.adminPath() + "/group-by-path/sandbox").get("id").asText();
        String systemsId = realm.admin().get(realm.adminPath() + "/group-by-path/staff/systems").get("id").asText();
        realm.admin().delete(realm.adminPath() + "/users/" + userId("mona") + "/groups/" + systemsId);
        realm.admin().put(realm.adminPath() + "/users/" + userId("mona") + "/groups/" + sandboxId, null);

        assertThat(MfaPages.isCodePage(login(moved, realm, "mona"))).as("sandbox: interval 0").isTrue();

        realm.admin().setGroupSetting(realm.name(), "/staff/systems", "staff-mfa.recheck-interval", "PT1H");
        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofHours(2))) {
            assertThat(MfaPages.isCodePage(login(shortened, realm, "hank"))).as("the current interval counts").isTrue();
        } finally {
            realm.admin().setGroupSetting(realm.name(), "/staff/systems", "staff-mfa.recheck-interval", "PT8H");
        }
    }

    @Test
    void theForgetThisBrowserPageTakesTheCookiesOff() {
        WebClient web = rememberedBrowser(realm, "fred");
        HtmlPage page = web.get(realm.url() + "/staff-mfa/forget-browser");
        assertThat(page.text()).contains("Forget this browser");

        HtmlPage done = web.submit(page.form("#staff-mfa-forget-browser-form"));

        assertThat(done.text("#staff-mfa-forget-browser-done")).startsWith("Done.");
        assertThat(done.setCookies(RememberCookies.PREFIX)).singleElement().asString().contains("Max-Age=0");
        assertThat(RememberCookies.find(web)).isEmpty();
        assertThat(MfaPages.isCodePage(login(web, realm, "fred"))).isTrue();
    }

    @Test
    void aRememberedBrowserNeverSkipsThePassword() {
        WebClient web = rememberedBrowser(realm, "pia");

        HtmlPage wrongPassword = MfaPages.passwordStep(web, realm, "pia", "wrong");

        assertThat(wrongPassword.redirectOutsideKeycloak()).isEmpty();
        assertThat(wrongPassword.has(MfaPages.LOGIN_FORM)).isTrue();
    }

    private String userId(String username) {
        return realm.admin().user(realm.name(), username).get("id").asText();
    }

    private JsonNode otpCredential(String username) {
        for (JsonNode credential : realm.admin().userCredentials(realm.name(), username)) {
            if (credential.path("type").asText().equals("otp")) {
                return credential;
            }
        }
        throw new AssertionError("no otp credential");
    }
}
