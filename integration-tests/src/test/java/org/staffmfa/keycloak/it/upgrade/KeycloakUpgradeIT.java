package org.staffmfa.keycloak.it.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.ChromiumBrowser;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.FreePort;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.KeycloakDistribution;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TestSettings;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;
import org.staffmfa.keycloak.it.webauthn.VirtualKeys;

/**
 * A site upgrading Keycloak keeps every factor and every policy: the oldest supported Keycloak, with this JAR and the
 * demo realm, runs on a database file; users enrol an authenticator app with recovery codes and a remembered browser,
 * an email address, a security key (in Chromium); a user is exempted. Keycloak is stopped, and the newest supported
 * Keycloak starts on the same database and port (Keycloak migrates the database itself). Every user then logs in with
 * the same factor, the remembered browser is still remembered, exemptions still hold, and the MFA admin API explains
 * the same policy for each user.
 */
@Tag("upgrade")
class KeycloakUpgradeIT {

    private static final String REALM = "library-upgrade";

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final ChromiumBrowser browser = new ChromiumBrowser();

    @Test
    void everyFactorExemptionAndPolicySurvivesTheUpgradeFromTheOldestToTheNewestKeycloak() throws IOException {
        Path database = freshDirectory(TestSettings.outputDir().resolve("upgrade-db"));
        int port = FreePort.find();
        List<String> databaseOptions = List.of("--db=dev-file",
            "--db-url=jdbc:h2:file:" + database.resolve("keycloakdb").toAbsolutePath() + ";NON_KEYWORDS=VALUE");
        List<Path> jars = List.of(TestSettings.providerJar(), TestSettings.testProviderJar());

        Enrolled enrolled;
        Map<String, JsonNode> mfaBefore;
        String fromVersion;
        try (KeycloakDistribution oldest = KeycloakDistribution.start(new KeycloakDistribution.Launch(
            TestSettings.upgradeFromHome(), port, databaseOptions, "keycloak-upgrade-from.log"), jars, TestSettings.outputDir())) {
            DemoRealm realm = DemoRealm.importInto(oldest.server(), AdminClient.asServerAdmin(oldest.server()), REALM,
                json -> {
                    Mails.sendTo(json, mail);
                    json.put("failureFactor", 100).put("quickLoginCheckMilliSeconds", 0);
                });
            fromVersion = serverVersion(realm);
            enrolled = enrolEveryFactor(realm);
            mfaBefore = mfaViews(realm);
        }

        try (KeycloakDistribution newest = KeycloakDistribution.start(new KeycloakDistribution.Launch(
            TestSettings.upgradeToHome(), port, databaseOptions, "keycloak-upgrade-to.log"), jars, TestSettings.outputDir())) {
            DemoRealm realm = DemoRealm.existing(newest.server(), AdminClient.asServerAdmin(newest.server()), REALM);
            assertThat(Files.readString(newest.server().logFile().orElseThrow()))
                .as("the set-up's health of each realm that uses MFA, logged at start")
                .contains("Staff MFA set-up of realm '" + REALM + "': no finding");
            assertThat(serverVersion(realm)).as("really another Keycloak on the same database").isNotEqualTo(fromVersion);
            assertThat(mfaViews(realm)).as("policy, factors and exemptions as the MFA admin API explains them")
                .isEqualTo(mfaBefore);
            everyoneLogsInAsBefore(realm, enrolled);
        }
    }

    /** What the users enrolled: the app of tara, her recovery codes and remembering browser. */
    private record Enrolled(TotpGenerator taraApp, List<String> taraRecoveryCodes, WebClient taraRememberedBrowser) {
    }

    private Enrolled enrolEveryFactor(DemoRealm realm) {
        AdminClient admin = realm.admin();
        // Tara (systems: required): an authenticator app through the enrolment pages, then her recovery codes.
        admin.createUser(REALM, "tara", "tara-pw", null, "/staff/systems");
        WebClient enrolment = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(enrolment, MfaPages.passwordStep(enrolment, realm, "tara", "tara-pw"));
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));
        HtmlPage offer = MfaPages.confirmTotp(enrolment, setup, app.now(), "Phone");
        List<String> codes = MfaPages.recoveryCodes(offer);
        assertThat(MfaPages.saveRecoveryCodes(enrolment, offer).redirectOutsideKeycloak()).isPresent();

        // ... and a browser she lets the factor page remember.
        WebClient remembered = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(remembered, realm, "tara", "tara-pw");
        HtmlPage done = remembered.submit(codePage.form(MfaPages.CODE_FORM).set("code", app.stepsFromNow(1))
            .set("remember", "on"));
        assertThat(done.redirectOutsideKeycloak()).as(done.text()).isPresent();
        assertThat(RememberCookies.find(remembered)).isPresent();

        // Emil (circulation: allowed): a code by email to an address he confirms.
        admin.createUser(REALM, "emil", "emil-pw", null, "/staff/circulation");
        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "emil", "emil-pw");
        HtmlPage addressPage = web.submit(chooser.form(MfaPages.ENROL_FORM).set("factor", "email"));
        Set<String> seen = Mails.seen(mail);
        HtmlPage confirmPage = web.submit(addressPage.form("#staff-mfa-target-form").set("target", "emil.home@example.org"));
        HtmlPage confirmed = web.submit(confirmPage.form("#staff-mfa-contact-code-form")
            .set("code", Mails.awaitCode(mail, seen, "emil.home@example.org")));
        assertThat(MfaPages.postponeRecoveryCodes(web, confirmed).redirectOutsideKeycloak()).isPresent();

        // Wanda (systems): a security key, in a real browser.
        admin.createUser(REALM, "wanda", "wanda-pw", null, "/staff/systems");
        WebDriver driver = browser.driver();
        VirtualKeys.plugIn(driver);
        browserLogIn(realm, "wanda", "wanda-pw");
        waitFor(By.id("staff-mfa-enrol-form"));
        driver.findElement(By.id("staff-mfa-enrol-webauthn")).click();
        waitFor(By.id("staff-mfa-webauthn-register-form"));
        driver.findElement(By.id("authenticatorLabel")).sendKeys("Wanda's key");
        driver.findElement(By.id("staff-mfa-webauthn-register")).click();
        waitFor(By.id("staff-mfa-recovery-codes-form"));
        driver.findElement(By.id("staff-mfa-later")).click();
        waitForAccountConsole("wanda");

        // Ulf (systems): exempted by an MFA administrator for every client until revoked.
        String ulf = admin.createUser(REALM, "ulf", "ulf-pw", null, "/staff/systems");
        assertThat(admin.post(realm.adminPath() + "/staff-mfa/users/" + ulf + "/exemptions",
            Map.of("reason", "Shared workstation account")).statusCode()).isEqualTo(201);
        assertThat(OidcClient.staffCli(realm).passwordGrant("ulf", "ulf-pw").ok()).isTrue();

        return new Enrolled(app, codes, remembered);
    }

    private void everyoneLogsInAsBefore(DemoRealm realm, Enrolled enrolled) {
        // Tara: her app (a later time step than any code used before), then recovery code number 1 in a new browser.
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "tara", "tara-pw");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        assertThat(MfaPages.enterCode(web, codePage, enrolled.taraApp().now()).redirectOutsideKeycloak()).isPresent();
        assertThat(latestLoginFactor(realm, "tara")).isEqualTo("totp");

        WebClient lostPhone = new WebClient(realm.server());
        HtmlPage recoveryPage = lostPhone.submit(MfaPages.passwordStep(lostPhone, realm, "tara", "tara-pw")
            .form(MfaPages.OTHER_FACTORS_FORM).set("factor", "recovery-codes"));
        assertThat(recoveryPage.text("#staff-mfa-code-instruction")).contains("number 1");
        HtmlPage afterCode = MfaPages.enterCode(lostPhone, recoveryPage, enrolled.taraRecoveryCodes().get(0));
        assertThat(afterCode.text("#staff-mfa-recovery-codes-left")).isEqualTo("You have 11 recovery codes left.");

        // The remembered browser: a new login there asks for the password only.
        WebClient remembered = enrolled.taraRememberedBrowser();
        RememberCookies.endSsoSessionKeepingRememberCookies(remembered);
        assertThat(MfaPages.passwordStep(remembered, realm, "tara", "tara-pw").redirectOutsideKeycloak()).isPresent();
        assertThat(realm.admin().userEvents(REALM, "tara", "LOGIN").get(0).path("details").path("mfa_skip_reason")
            .asText()).isEqualTo("remembered-browser");

        // The exempt client and the policy on the others.
        assertThat(OidcClient.sip2Gateway(realm).passwordGrant("tara", "tara-pw").ok()).isTrue();
        assertThat(OidcClient.staffCli(realm).passwordGrant("tara", "tara-pw").ok()).isFalse();

        // Emil: a code by email to the address he confirmed.
        WebClient emil = new WebClient(realm.server());
        Set<String> seen = Mails.seen(mail);
        HtmlPage emailPage = MfaPages.passwordStep(emil, realm, "emil", "emil-pw");
        assertThat(emailPage.text("#staff-mfa-code-instruction")).contains("e…e@example.org");
        String code = Mails.awaitCode(mail, seen, "emil.home@example.org");
        assertThat(MfaPages.enterCode(emil, emailPage, code).redirectOutsideKeycloak()).isPresent();
        assertThat(latestLoginFactor(realm, "emil")).isEqualTo("email");

        // Wanda: the same security key, in the same browser.
        browserLogIn(realm, "wanda", "wanda-pw");
        waitFor(By.id("webauth"));
        browser.driver().findElement(By.id("staff-mfa-webauthn-use")).click();
        waitForAccountConsole("wanda");
        assertThat(latestLoginFactor(realm, "wanda")).isEqualTo("webauthn");

        // Ulf's exemption (granted by an administrator) and Erik's (from the demo realm) still hold.
        assertThat(OidcClient.staffCli(realm).passwordGrant("ulf", "ulf-pw").ok()).isTrue();
        WebClient erik = new WebClient(realm.server());
        assertThat(MfaPages.passwordStep(erik, realm, "erik", "erik-demo").redirectOutsideKeycloak()).isPresent();
    }

    /** Per user: the explain view of the MFA admin API without what changes with every login or request. */
    private static Map<String, JsonNode> mfaViews(DemoRealm realm) {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (String username : List.of("tara", "emil", "wanda", "ulf", "erik")) {
            String id = realm.admin().user(REALM, username).path("id").asText();
            JsonNode view = realm.admin().get(realm.adminPath() + "/staff-mfa/users/" + id);
            views.put(username, ((ObjectNode) view.deepCopy()).without(List.of("enrolment")));
        }
        return views;
    }

    private static String serverVersion(DemoRealm realm) {
        return realm.admin().get("/serverinfo").path("systemInfo").path("version").asText();
    }

    private static String latestLoginFactor(DemoRealm realm, String username) {
        return realm.admin().userEvents(REALM, username, "LOGIN").get(0).path("details").path("mfa_factor").asText();
    }

    private void browserLogIn(DemoRealm realm, String username, String password) {
        WebDriver driver = browser.driver();
        driver.get(realm.url() + "/");
        driver.manage().deleteAllCookies();
        driver.get(realm.url() + "/account");
        waitFor(By.id("kc-form-login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    private void waitForAccountConsole(String username) {
        browser.waitUpTo(Duration.ofSeconds(60)).until(
            ExpectedConditions.attributeToBe(By.id("email"), "value", username + "@library.example"));
    }

    private void waitFor(By locator) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private static Path freshDirectory(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
