package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.staffmfa.keycloak.it.support.ChromiumBrowser;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;

/**
 * Bob (systems: MFA required, no factor yet) in a real browser: forced to choose and set up a factor (the authenticator
 * app) and to save recovery codes before the account console opens, then asked for a code at his next login. Screenshots of every page in target/screenshots.
 */
@RealKeycloakTest
class BobEnrolsInChromiumIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @RegisterExtension
    static final ChromiumBrowser browser = new ChromiumBrowser();

    @Test
    void bobEnrolsAnAuthenticatorAppAndUsesItAtTheNextLogin() {
        WebDriver driver = browser.driver();
        driver.get(realm.url() + "/account");
        waitFor(By.id("kc-form-login"));
        browser.screenshot("01-login");
        driver.findElement(By.id("username")).sendKeys("bob");
        driver.findElement(By.id("password")).sendKeys("bob-demo");
        driver.findElement(By.id("kc-login")).click();

        waitFor(By.id("staff-mfa-enrol-form"));
        browser.screenshot("02-enrolment-chooser");
        assertThat(driver.findElements(By.id("staff-mfa-skip"))).as("required: no skipping").isEmpty();
        driver.findElement(By.id("staff-mfa-enrol-totp")).click();

        waitFor(By.id("staff-mfa-totp-form"));
        browser.screenshot("03-totp-setup");
        assertThat(driver.findElement(By.id("staff-mfa-totp-qr")).getAttribute("src")).startsWith("data:image/png;base64,");
        String secret = driver.findElement(By.id("staff-mfa-totp-secret")).getText().replace(" ", "");
        TotpGenerator app = TotpGenerator.googleAuthenticator(secret);

        driver.findElement(By.id("code")).sendKeys("000000");
        driver.findElement(By.id("staff-mfa-totp-confirm")).click();
        waitFor(By.id("input-error-code"));
        browser.screenshot("04-totp-setup-wrong-code");

        driver.findElement(By.id("code")).sendKeys(app.now());
        driver.findElement(By.id("label")).sendKeys("Bob's phone");
        driver.findElement(By.id("staff-mfa-totp-confirm")).click();

        // His groups allow recovery codes: they are handed out now, and only once he says he saved them.
        waitFor(By.id("staff-mfa-recovery-codes-form"));
        assertThat(driver.findElements(By.cssSelector("#staff-mfa-recovery-codes li"))).hasSize(12);
        assertThat(driver.findElement(By.id("staff-mfa-recovery-codes-print")).isDisplayed()).isTrue();
        browser.screenshot("05-recovery-codes");
        driver.findElement(By.id("staff-mfa-recovery-codes-confirm")).click();
        waitFor(By.id("input-error-saved"));
        browser.screenshot("06-recovery-codes-not-confirmed");
        driver.findElement(By.id("saved")).click();
        driver.findElement(By.id("staff-mfa-recovery-codes-confirm")).click();
        browser.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(By.id("email"), "value", "bob@library.example"));
        browser.screenshot("07-account-console");

        // Next login in a fresh browser session: the app is asked for.
        driver.get(realm.url() + "/");
        driver.manage().deleteAllCookies();
        driver.get(realm.url() + "/account");
        waitFor(By.id("kc-form-login"));
        driver.findElement(By.id("username")).sendKeys("bob");
        driver.findElement(By.id("password")).sendKeys("bob-demo");
        driver.findElement(By.id("kc-login")).click();
        waitFor(By.id("staff-mfa-code-form"));
        browser.screenshot("08-code-page");
        driver.findElement(By.id("code")).sendKeys(app.stepsFromNow(1));
        driver.findElement(By.id("staff-mfa-verify")).click();
        browser.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(By.id("email"), "value", "bob@library.example"));
        browser.screenshot("09-account-console-again");

        assertThat(realm.admin().userCredentials(realm.name(), "bob"))
            .anySatisfy(credential -> assertThat(credential.path("type").asText()).isEqualTo("recovery-authn-codes"))
            .anySatisfy(credential -> {
                assertThat(credential.path("type").asText()).isEqualTo("otp");
                assertThat(credential.path("userLabel").asText()).isEqualTo("Bob's phone");
            });
    }

    private void waitFor(By locator) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(locator));
    }
}
