package org.staffmfa.keycloak.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.staffmfa.keycloak.it.support.ChromiumBrowser;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;

/** A demo user logs in through the real login page in headless Chromium. */
@RealKeycloakTest
class BrowserLoginIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @RegisterExtension
    static final ChromiumBrowser browser = new ChromiumBrowser();

    @Test
    void aliceLogsIntoTheAccountConsole() throws Exception {
        WebDriver driver = browser.driver();

        driver.get(realm.url() + "/account");
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        Path loginShot = browser.screenshot("01-login-page");
        driver.findElement(By.id("username")).sendKeys("alice");
        driver.findElement(By.id("password")).sendKeys("alice-demo");
        driver.findElement(By.id("kc-login")).click();

        // MFA is allowed but not required for alice's group: she skips the enrolment offer.
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("staff-mfa-skip")));
        browser.screenshot("02-enrolment-offer");
        driver.findElement(By.id("staff-mfa-skip")).click();

        // The account console's personal-info page shows her name in the header and her email in the form.
        browser.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(
            By.id("email"), "value", "alice@library.example"));
        Path accountShot = browser.screenshot("03-account-console");

        assertThat(driver.getCurrentUrl()).startsWith(realm.url() + "/account");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Alice Circulation");
        assertThat(Files.size(loginShot)).isPositive();
        assertThat(Files.size(accountShot)).isPositive();
    }
}
