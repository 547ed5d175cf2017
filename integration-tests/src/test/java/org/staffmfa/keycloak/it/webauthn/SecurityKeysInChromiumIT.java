package org.staffmfa.keycloak.it.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.staffmfa.keycloak.it.support.ChromiumBrowser;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security keys in a real browser: headless Chromium with Selenium's virtual authenticator (CTAP2 over USB, with user
 * verification) standing in for a YubiKey. Bob (systems: required, no factor) registers a key during forced
 * enrolment, logs in with it, registers a second one, and logs in with either. Captured answers cannot be replayed
 * or altered. Brute-force lockout is raised in this realm so that every rejected answer can be counted. Screenshots in
 * target/screenshots.
 */
@RealKeycloakTest
class SecurityKeysInChromiumIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json
        .put("failureFactor", 100)
        .put("quickLoginCheckMilliSeconds", 0));

    @RegisterExtension
    static final ChromiumBrowser browser = new ChromiumBrowser();

    @Test
    void bobRegistersTwoKeysAndLogsInWithEither() {
        WebDriver driver = browser.driver();
        VirtualAuthenticator firstKey = VirtualKeys.plugIn(driver);

        logIn("bob", "bob-demo");
        waitFor(By.id("staff-mfa-enrol-form"));
        assertThat(driver.findElement(By.id("staff-mfa-enrol-webauthn")).getText()).contains("Security key or passkey");
        browser.screenshot("01-enrolment-chooser");
        driver.findElement(By.id("staff-mfa-enrol-webauthn")).click();

        waitFor(By.id("staff-mfa-webauthn-register-form"));
        browser.screenshot("02-register-key");
        driver.findElement(By.id("authenticatorLabel")).sendKeys("Bob's YubiKey");
        driver.findElement(By.id("staff-mfa-webauthn-register")).click();

        // Recovery codes follow the first factor; Bob saves them another time.
        waitFor(By.id("staff-mfa-recovery-codes-form"));
        driver.findElement(By.id("staff-mfa-later")).click();
        waitForAccountConsole("bob");
        browser.screenshot("03-account-console");
        assertThat(firstKey.getCredentials()).hasSize(1);
        assertThat(keyLabels("bob")).containsExactly("Bob's YubiKey");
        Credential firstKeyCredential = firstKey.getCredentials().get(0);

        logIn("bob", "bob-demo");
        waitFor(By.id("webauth"));
        assertThat(driver.findElement(By.id("staff-mfa-webauthn-keys")).getText()).contains("Bob's YubiKey");
        browser.screenshot("04-login-with-key");
        driver.findElement(By.id("staff-mfa-webauthn-use")).click();
        waitForAccountConsole("bob");
        assertThat(latestLogin("bob").path("details").path("mfa_factor").asText()).isEqualTo("webauthn");

        // A second key, through Keycloak's own registration page (application-initiated action), with the first
        // key unplugged.
        VirtualKeys.unplug(driver, firstKey);
        VirtualAuthenticator secondKey = VirtualKeys.plugIn(driver);
        driver.get(OidcClient.evergreenStaff(realm).authorizationUrl(MfaPages.EVERGREEN_REDIRECT) + "&kc_action=webauthn-register");
        waitFor(By.id("registerWebAuthn"));
        browser.screenshot("05-keycloak-register-second-key");
        driver.findElement(By.id("registerWebAuthn")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.alertIsPresent());
        driver.switchTo().alert().sendKeys("Bob's spare key");
        driver.switchTo().alert().accept();
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(MfaPages.EVERGREEN_REDIRECT));
        assertThat(keyLabels("bob")).containsExactlyInAnyOrder("Bob's YubiKey", "Bob's spare key");

        // Either key works: the second one now ...
        logIn("bob", "bob-demo");
        waitFor(By.id("webauth"));
        assertThat(driver.findElements(By.cssSelector("#staff-mfa-webauthn-keys li"))).hasSize(2);
        browser.screenshot("06-login-two-keys");
        driver.findElement(By.id("staff-mfa-webauthn-use")).click();
        waitForAccountConsole("bob");

        // ... and the first one again, plugged back in.
        VirtualKeys.unplug(driver, secondKey);
        VirtualAuthenticator firstAgain = VirtualKeys.plugIn(driver);
        firstAgain.addCredential(firstKeyCredential);
        logIn("bob", "bob-demo");
        waitFor(By.id("webauth"));
        driver.findElement(By.id("staff-mfa-webauthn-use")).click();
        waitForAccountConsole("bob");
        assertThat(latestLogin("bob").path("details").path("mfa_factor").asText()).isEqualTo("webauthn");
        VirtualKeys.unplug(driver, firstAgain);
    }

    @Test
    void withoutAKeyTheUserIsToldAndCanUseAnotherFactor() {
        WebDriver driver = browser.driver();
        VirtualAuthenticator key = newUserWithKey("kim");
        List<String> codes = driver.findElements(By.cssSelector("#staff-mfa-recovery-codes li")).stream()
            .map(element -> element.getText()).toList();
        driver.findElement(By.id("saved")).click();
        driver.findElement(By.id("staff-mfa-recovery-codes-confirm")).click();
        waitForAccountConsole("kim");
        assertThat(keyLabels("kim")).containsExactly("Security key");

        // Her key is not at hand, only another one: the browser reports that no registered key answered.
        Credential herCredential = key.getCredentials().get(0);
        VirtualKeys.unplug(driver, key);
        VirtualAuthenticator someoneElsesKey = VirtualKeys.plugIn(driver);
        logIn("kim", "kim-pw");
        waitFor(By.id("webauth"));
        driver.findElement(By.id("staff-mfa-webauthn-use")).click();
        browser.waitUpTo(Duration.ofSeconds(90)).until(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".kc-feedback-text"), "No security key was used."));
        browser.screenshot("10-no-key-used");
        VirtualKeys.unplug(driver, someoneElsesKey);

        // A recovery code instead; the next page says how many are left and suggests a new factor.
        driver.findElement(By.id("staff-mfa-use-recovery-codes")).click();
        waitFor(By.id("staff-mfa-code-form"));
        assertThat(driver.findElement(By.id("staff-mfa-code-instruction")).getText()).contains("number 1");
        assertThat(driver.findElements(By.id("remember"))).as("a recovery code never remembers the browser").isEmpty();
        browser.screenshot("11-recovery-code");
        driver.findElement(By.id("code")).sendKeys(codes.get(0));
        driver.findElement(By.id("staff-mfa-verify")).click();
        waitFor(By.id("staff-mfa-recovery-codes-left"));
        assertThat(driver.findElement(By.id("staff-mfa-recovery-codes-left")).getText())
            .isEqualTo("You have 11 recovery codes left.");
        assertThat(driver.findElement(By.id("staff-mfa-enrol-webauthn")).isDisplayed()).isTrue();
        browser.screenshot("12-after-recovery-code");

        // Her key turns up again; registering it a second time is declined (the realm avoids the same key twice).
        VirtualAuthenticator found = VirtualKeys.plugIn(driver);
        found.addCredential(herCredential);
        driver.findElement(By.id("staff-mfa-enrol-webauthn")).click();
        waitFor(By.id("staff-mfa-webauthn-register-form"));
        driver.findElement(By.id("staff-mfa-webauthn-register")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".kc-feedback-text"), "This security key is already registered for your account."));
        browser.screenshot("13-same-key-declined");
        assertThat(keyLabels("kim")).hasSize(1);
        VirtualKeys.unplug(driver, found);
        driver.findElement(By.id("staff-mfa-back")).click();
        waitFor(By.id("staff-mfa-skip"));
        driver.findElement(By.id("staff-mfa-skip")).click();
        waitForAccountConsole("kim");
    }

    @Test
    void aKeyAnswerCannotBeReplayedTamperedWithOrSentWhereKeysAreNotAllowed() {
        WebDriver driver = browser.driver();
        VirtualAuthenticator key = newUserWithKey("rosa");
        driver.findElement(By.id("staff-mfa-later")).click();
        waitForAccountConsole("rosa");

        // A real answer of her key, taken from the page before it is sent; then sent, and it logs her in.
        logIn("rosa", "rosa-pw");
        waitFor(By.id("webauth"));
        Map<String, String> answer = CapturedAnswer.take(driver, browser, By.id("staff-mfa-webauthn-use"));
        CapturedAnswer.send(driver);
        waitForAccountConsole("rosa");
        VirtualKeys.unplug(driver, key);

        WebClient web = new WebClient(realm.server());
        HtmlPage keyPage = MfaPages.passwordStep(web, realm, "rosa", "rosa-pw");
        assertThat(keyPage.has("#webauth")).as(keyPage.text()).isTrue();
        int failures = realm.admin().awaitFailures(realm.name(), "rosa", 0);

        HtmlPage replayed = web.submit(CapturedAnswer.fill(keyPage.form("#webauth"), answer));
        assertRejected(replayed, "rosa", ++failures);
        assertThat(realm.admin().userEvents(realm.name(), "rosa", "LOGIN_ERROR").get(0).path("details")
            .path("mfa_failure").asText()).isEqualTo("security-key-rejected");

        Map<String, String> otherOrigin = new HashMap<>(answer);
        otherOrigin.put("clientDataJSON", CapturedAnswer.withOrigin(answer.get("clientDataJSON"), "https://evil.example"));
        HtmlPage tampered = web.submit(CapturedAnswer.fill(replayed.form("#webauth"), otherOrigin));
        assertRejected(tampered, "rosa", ++failures);

        Map<String, String> malformed = new HashMap<>(answer);
        malformed.put("credentialId", "%%% not base64 %%%");
        HtmlPage refused = web.submit(CapturedAnswer.fill(tampered.form("#webauth"), malformed));
        assertRejected(refused, "rosa", ++failures);

        Map<String, String> oversized = new HashMap<>(answer);
        oversized.put("signature", "A".repeat(100_000));
        HtmlPage tooLong = web.submit(CapturedAnswer.fill(refused.form("#webauth"), oversized));
        assertRejected(tooLong, "rosa", ++failures);

        // "The dialog was cancelled" is not a guess: it is not counted (the next wrong answer counts one, not two).
        HtmlPage cancelled = web.submit(tooLong.form("#webauth").set("error", "NotAllowedError: cancelled"));
        assertThat(cancelled.text(".kc-feedback-text")).isEqualTo("No security key was used. Please try again, or use another factor.");
        assertRejected(web.submit(CapturedAnswer.fill(cancelled.form("#webauth"), answer)), "rosa", ++failures);

        // In a group that allows only the authenticator app, her key is neither asked for nor accepted.
        realm.admin().moveUser(realm.name(), "rosa", "/staff/systems", "/sandbox");
        WebClient sandbox = new WebClient(realm.server());
        HtmlPage setup = MfaPages.passwordStep(sandbox, realm, "rosa", "rosa-pw");
        assertThat(MfaPages.isTotpSetup(setup)).as(setup.text()).isTrue();
        assertThat(setup.has("#webauth")).isFalse();
        assertThat(setup.body()).doesNotContain("Security key");
        HtmlPage notOffered = sandbox.submit(setup.form(MfaPages.TOTP_SETUP_FORM).set("factor", "webauthn"));
        assertThat(notOffered.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.alert(notOffered)).isEqualTo(
            "That factor is not available for your account. Please choose one of the factors listed.");
        HtmlPage posted = sandbox.submit(CapturedAnswer.fill(notOffered.form("form[method=post]"), answer));
        assertThat(posted.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.isTotpSetup(posted) || MfaPages.isEnrolChooser(posted)).as(posted.text()).isTrue();
    }

    private void assertRejected(HtmlPage page, String username, int expectedFailures) {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.redirectOutsideKeycloak()).isEmpty();
        assertThat(page.has("#webauth")).as(page.text()).isTrue();
        assertThat(page.text(".kc-feedback-text"))
            .isEqualTo("The security key was not accepted. Please try again with a key registered for your account.");
        assertThat(realm.admin().awaitFailures(realm.name(), username, expectedFailures)).isEqualTo(expectedFailures);
    }

    /**
     * A new systems user (password {@code <name>-pw}) who registers a key, without a name, at the first login; ends on
     * the recovery codes page that follows.
     */
    private VirtualAuthenticator newUserWithKey(String username) {
        WebDriver driver = browser.driver();
        realm.admin().createUser(realm.name(), username, username + "-pw", null, "/staff/systems");
        VirtualAuthenticator key = VirtualKeys.plugIn(driver);
        logIn(username, username + "-pw");
        waitFor(By.id("staff-mfa-enrol-webauthn"));
        driver.findElement(By.id("staff-mfa-enrol-webauthn")).click();
        waitFor(By.id("staff-mfa-webauthn-register-form"));
        driver.findElement(By.id("staff-mfa-webauthn-register")).click();
        waitFor(By.id("staff-mfa-recovery-codes-form"));
        return key;
    }

    /** A fresh login, whatever session an earlier test left in the browser. */
    private void logIn(String username, String password) {
        WebDriver driver = browser.driver();
        logOut();
        driver.get(realm.url() + "/account");
        waitFor(By.id("kc-form-login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Forgets the SSO session (the browser's Keycloak cookies). */
    private void logOut() {
        browser.driver().get(realm.url() + "/");
        browser.driver().manage().deleteAllCookies();
    }

    private void waitForAccountConsole(String username) {
        browser.waitUpTo(Duration.ofSeconds(60)).until(
            ExpectedConditions.attributeToBe(By.id("email"), "value", username + "@library.example"));
    }

    private List<String> keyLabels(String username) {
        List<String> labels = new java.util.ArrayList<>();
        realm.admin().userCredentials(realm.name(), username).forEach(credential -> {
            if ("webauthn".equals(credential.path("type").asText())) {
                labels.add(credential.path("userLabel").asText());
            }
        });
        return labels;
    }

    private JsonNode latestLogin(String username) {
        return realm.admin().userEvents(realm.name(), username, "LOGIN").get(0);
    }

    private void waitFor(By locator) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(locator));
    }
}
