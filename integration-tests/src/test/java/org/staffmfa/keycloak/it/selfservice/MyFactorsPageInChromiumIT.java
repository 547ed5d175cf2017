package org.staffmfa.keycloak.it.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.staffmfa.keycloak.it.support.ChromiumBrowser;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;

/**
 * The user's "My second factors" page at /realms/{realm}/staff-mfa/factors/ in a real browser: sign in with a second
 * factor, rename a factor, remove one through Keycloak's delete action (fresh factor: no second ask). Screenshots in
 * target/screenshots.
 */
@RealKeycloakTest
class MyFactorsPageInChromiumIT {

    static final String FIRST = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final String SECOND = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @RegisterExtension
    static final ChromiumBrowser browser = new ChromiumBrowser();

    private void waitFor(By element) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    private String credentialId(String username, String label) {
        return StreamSupport.stream(realm.admin().userCredentials(realm.name(), username).spliterator(), false)
            .filter(credential -> label.equals(credential.path("userLabel").asText()))
            .findFirst().orElseThrow().get("id").asText();
    }

    @Test
    void aUserRenamesAndRemovesTheirFactorsOnThePage() {
        realm.admin().createUserWithApps(realm.name(), "kira", "kira-pw", List.of(FIRST, SECOND), "/staff/systems");
        String first = credentialId("kira", "App 1");
        String second = credentialId("kira", "App 2");
        WebDriver driver = browser.driver();
        driver.get(realm.url() + "/staff-mfa/factors/");
        waitFor(By.id("kc-form-login"));
        driver.findElement(By.id("username")).sendKeys("kira");
        driver.findElement(By.id("password")).sendKeys("kira-pw");
        driver.findElement(By.id("kc-login")).click();
        waitFor(By.id("staff-mfa-code-form"));
        driver.findElement(By.id("code")).sendKeys(TotpGenerator.googleAuthenticator(FIRST).now());
        driver.findElement(By.cssSelector("#staff-mfa-code-form [type=submit]")).click();

        waitFor(By.id("label-" + first));
        browser.screenshot("factors-01-list");
        WebElement label = driver.findElement(By.id("label-" + first));
        label.clear();
        label.sendKeys("Phone");
        driver.findElement(By.id("rename-" + first)).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("message"), "Renamed to \"Phone\""));
        browser.screenshot("factors-02-renamed");
        assertThat(credentialId("kira", "Phone")).isEqualTo(first);

        driver.findElement(By.id("remove-" + second)).click();
        // Keycloak asks for the password again before credential actions; the factor was passed a minute ago.
        waitFor(By.cssSelector("#kc-form-login, #kc-accept"));
        if (!driver.findElements(By.id("kc-form-login")).isEmpty()) {
            driver.findElement(By.id("password")).sendKeys("kira-pw");
            driver.findElement(By.id("kc-login")).click();
        }
        waitFor(By.id("kc-accept"));
        browser.screenshot("factors-03-confirm-removal");
        driver.findElement(By.id("kc-accept")).click();

        waitFor(By.id("label-" + first));
        browser.screenshot("factors-04-removed");
        assertThat(driver.findElements(By.id("label-" + second))).isEmpty();
        assertThat(realm.admin().userCredentials(realm.name(), "kira").toString()).doesNotContain(second).contains(first);
        // The last factor of a required user: the page says it cannot be removed only when asked; Keycloak refuses it.
        assertThat(driver.findElement(By.id("factor-list")).getText()).contains("Authenticator app");
    }
}
