package org.staffmfa.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.staffmfa.keycloak.it.support.ChromiumBrowser;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;

/**
 * The MFA administration page at /realms/{realm}/staff-mfa/admin/ in a real browser: an MFA administrator signs in,
 * sets a group's policy, reads a user's explanation, removes a factor and exempts a client; a help-desk administrator
 * without the MFA roles is refused by the API behind the page. Screenshots in target/screenshots.
 */
@RealKeycloakTest
class MfaAdminPageInChromiumIT {

    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @RegisterExtension
    static final ChromiumBrowser browser = new ChromiumBrowser();

    @BeforeAll
    static void administrators() {
        realm.admin().createUser(realm.name(), "mfa-officer", "mfa-officer-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "mfa-officer", "manage-mfa", "remove-user-mfa",
            "view-users", "query-users", "query-groups", "view-clients", "query-clients");
        realm.admin().createUser(realm.name(), "desk", "desk-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "desk", "manage-users", "view-users", "query-users",
            "query-groups");
    }

    private void waitFor(By element) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    private void waitForText(By element, String text) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
    }

    private void signIn(String username, String password) {
        signIn(realm, username, password);
    }

    private void signIn(DemoRealm where, String username, String password) {
        WebDriver driver = browser.driver();
        driver.manage().deleteAllCookies();
        driver.get(where.url() + "/staff-mfa/admin/");
        waitFor(By.id("kc-form-login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        waitForText(By.id("signed-in"), "Signed in as " + username);
    }

    private String groupSetting(String path, String field) {
        String id = realm.admin().get(realm.adminPath() + "/group-by-path" + path).get("id").asText();
        return realm.admin().get(realm.adminPath() + "/staff-mfa/groups/" + id).get("settings").path(field).toString();
    }

    @Test
    void anMfaAdministratorManagesPoliciesFactorsAndExemptionsOnThePage() {
        realm.admin().createUser(realm.name(), "wanda", "wanda-pw", SECRET, "/staff/systems");
        WebDriver driver = browser.driver();
        signIn("mfa-officer", "mfa-officer-pw");
        waitForText(By.id("group-list"), "/staff/systems");
        browser.screenshot("admin-01-groups");

        // Set the policy of /staff/cataloging.
        driver.findElement(By.id("group-path")).sendKeys("/staff/cataloging");
        driver.findElement(By.cssSelector("#group-find button")).click();
        waitForText(By.id("group-title"), "/staff/cataloging");
        new Select(driver.findElement(By.id("group-mode"))).selectByValue("required");
        if (driver.findElement(By.id("group-inherit-factors")).isSelected()) {
            driver.findElement(By.id("group-inherit-factors")).click();
        }
        driver.findElement(By.id("group-factor-webauthn")).click();
        driver.findElement(By.id("group-recheck")).clear();
        driver.findElement(By.id("group-recheck")).sendKeys("PT4H");
        driver.findElement(By.id("group-save")).click();
        waitForText(By.id("message"), "Saved the MFA policy of /staff/cataloging");
        browser.screenshot("admin-02-group-saved");
        assertThat(groupSetting("/staff/cataloging", "mode")).isEqualTo("\"required\"");
        assertThat(groupSetting("/staff/cataloging", "factors")).isEqualTo("[\"webauthn\"]");
        assertThat(groupSetting("/staff/cataloging", "recheckInterval")).isEqualTo("\"PT4H\"");
        assertThat(groupSetting("/staff/cataloging", "enrolBy")).as("the demo's deadline kept, to the second")
            .isEqualTo("\"2030-12-31T22:59:59Z\"");

        // The enrolment deadline fields.
        driver.findElement(By.id("group-max-skips")).clear();
        driver.findElement(By.id("group-max-skips")).sendKeys("3");
        driver.findElement(By.id("group-remind-days")).clear();
        driver.findElement(By.id("group-remind-days")).sendKeys("14");
        new Select(driver.findElement(By.id("group-app-minimum"))).selectByValue("SHA256");
        driver.findElement(By.id("group-save")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> groupSetting("/staff/cataloging", "maxSkips").equals("3"));
        assertThat(groupSetting("/staff/cataloging", "remindDaysBefore")).isEqualTo("14");
        assertThat(groupSetting("/staff/cataloging", "totpMinAlgorithm")).isEqualTo("\"SHA256\"");
        waitForText(By.id("group-effective"), "authenticator apps: SHA256 or stronger");
        assertThat(groupSetting("/staff/cataloging", "enrolBy")).isEqualTo("\"2030-12-31T22:59:59Z\"");

        // A bad value: the API's message is shown, nothing changes.
        driver.findElement(By.id("group-recheck")).clear();
        driver.findElement(By.id("group-recheck")).sendKeys("four hours");
        driver.findElement(By.id("group-save")).click();
        waitForText(By.id("message"), "\"recheckInterval\" must be");
        browser.screenshot("admin-03-group-bad-value");
        assertThat(groupSetting("/staff/cataloging", "recheckInterval")).isEqualTo("\"PT4H\"");

        // A user's explanation and factor removal.
        driver.findElement(By.cssSelector("#tabs button[data-tab=users]")).click();
        driver.findElement(By.id("user-search")).sendKeys("wanda");
        driver.findElement(By.cssSelector("#user-find button")).click();
        waitFor(By.linkText("wanda <wanda@library.example>"));
        driver.findElement(By.linkText("wanda <wanda@library.example>")).click();
        waitForText(By.id("user-policy"), "required");
        assertThat(driver.findElement(By.id("user-decisions")).getText()).contains("/staff/systems").contains("decides");
        assertThat(driver.findElement(By.id("user-factors")).getText()).contains("Authenticator app");
        browser.screenshot("admin-04-user-status");
        String otpId = StreamSupport.stream(realm.admin().userCredentials(realm.name(), "wanda").spliterator(), false)
            .filter(credential -> credential.path("type").asText().equals("otp")).findFirst().orElseThrow()
            .get("id").asText();
        driver.findElement(By.id("remove-" + otpId)).click();
        driver.switchTo().alert().accept();
        waitForText(By.id("message"), "Removed Authenticator app");
        browser.screenshot("admin-05-factor-removed");
        assertThat(realm.admin().userCredentials(realm.name(), "wanda").toString()).doesNotContain(otpId);

        // Exempt a client for everyone.
        driver.findElement(By.cssSelector("#tabs button[data-tab=clients]")).click();
        waitForText(By.id("client-list"), "sip2-gateway");
        driver.findElement(By.id("client-id")).sendKeys("alma");
        driver.findElement(By.id("client-reason")).sendKeys("Alma batch jobs");
        driver.findElement(By.cssSelector("#client-form button")).click();
        waitForText(By.id("message"), "alma is exempt for everyone");
        browser.screenshot("admin-06-client-exempted");
        JsonNode exempt = realm.admin().get(realm.adminPath() + "/staff-mfa/clients");
        assertThat(exempt.toString()).contains("\"alma\"").contains("Alma batch jobs").contains("mfa-officer");
    }

    @Test
    void aHelpdeskAdministratorSeesThePageButCannotChangeMfa() {
        WebDriver driver = browser.driver();
        String before = groupSetting("/staff/systems", "mode");
        signIn("desk", "desk-pw");
        driver.findElement(By.id("group-path")).sendKeys("/staff/systems");
        driver.findElement(By.cssSelector("#group-find button")).click();
        waitForText(By.id("group-title"), "/staff/systems");
        new Select(driver.findElement(By.id("group-mode"))).selectByValue("off");
        driver.findElement(By.id("group-save")).click();

        waitForText(By.id("message"), "Not allowed");
        browser.screenshot("admin-07-helpdesk-refused");
        assertThat(groupSetting("/staff/systems", "mode")).isEqualTo(before).isEqualTo("\"required\"");
    }

    @Test
    void theSetUpHealthTabShowsAHoleAndARealmManagerFixesIt() {
        realm.admin().createUser(realm.name(), "owner", "owner-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "owner", "manage-realm", "view-realm",
            "manage-identity-providers");
        setBrowserFlow("browser");
        try {
            WebDriver driver = browser.driver();
            signIn("owner", "owner-pw");
            driver.findElement(By.cssSelector("#tabs button[data-tab=health]")).click();
            waitForText(By.id("health-list"), "browser-flow-without-gate");
            waitForText(By.id("health-summary"), "1 critical");
            browser.screenshot("admin-07-health");

            driver.findElement(By.cssSelector("#health-list button")).click();
            waitForText(By.id("health-summary"), "No finding");
            waitForText(By.id("message"), "bound it as the browser flow");
            assertThat(realm.admin().get(realm.adminPath()).path("browserFlow").asText()).startsWith("staff browser ");

            // The set-up form: a preview changes nothing; "Set up" from Keycloak's default steps binds a fresh flow.
            setBrowserFlow("browser");
            driver.findElement(By.id("health-refresh")).click();
            waitForText(By.id("health-summary"), "1 critical");
            driver.findElement(By.cssSelector("input[name=setup-start][value=defaults]")).click();
            driver.findElement(By.id("setup-preview")).click();
            waitForText(By.id("setup-summary"), "would make 1 change");
            waitForText(By.id("setup-changes"), "cookie, identity provider redirector or username and password");
            assertThat(realm.admin().get(realm.adminPath()).path("browserFlow").asText()).isEqualTo("browser");
            browser.screenshot("admin-08-setup-preview");

            driver.findElement(By.cssSelector("#setup-form button[type=submit]")).click();
            waitForText(By.id("setup-summary"), "made 1 change");
            waitForText(By.id("health-summary"), "No finding");
            String bound = realm.admin().get(realm.adminPath()).path("browserFlow").asText();
            assertThat(bound).startsWith("staff browser ");
            assertThat(realm.admin().get(realm.adminPath() + "/authentication/flows/"
                + bound.replace(" ", "%20") + "/executions").findValuesAsText("providerId"))
                .contains("auth-username-password-form", "staff-mfa-gate").doesNotContain("auth-otp-form");
        } finally {
            setBrowserFlow("staff browser");
        }
    }

    @Test
    void aRealmManagerThrowsTheEmergencySwitchesAndEveryoneSeesThemOnTop() {
        realm.admin().createUser(realm.name(), "warden", "warden-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "warden", "manage-realm", "view-realm");
        WebDriver driver = browser.driver();
        signIn("warden", "warden-pw");
        driver.findElement(By.cssSelector("#tabs button[data-tab=settings]")).click();
        waitFor(By.id("disabled-factor-sms"));
        driver.findElement(By.id("disabled-factor-sms")).click();
        driver.findElement(By.cssSelector("#disabled-factors-form button[type=submit]")).click();
        waitForText(By.id("emergency-factors"), "Switched off realm-wide: SMS code");

        // A datetime-local field takes its value as the browser's local time.
        String until = java.time.LocalDateTime.now().plusHours(2).withSecond(0).withNano(0).toString();
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
            "document.getElementById('suspension-until').value = arguments[0];", until);
        driver.findElement(By.id("suspension-reason")).sendKeys("Phone network outage");
        driver.findElement(By.cssSelector("#suspension-form button[type=submit]")).click();
        waitForText(By.id("emergency-suspension"), "MFA enforcement is suspended until");
        waitForText(By.id("emergency-suspension"), "Phone network outage");
        browser.screenshot("admin-09-emergency");
        JsonNode state = realm.admin().get(realm.adminPath() + "/staff-mfa/emergency");
        assertThat(state.path("suspension").path("by").asText()).isEqualTo("warden");
        assertThat(state.path("disabledFactors").toString()).isEqualTo("[\"sms\"]");

        driver.findElement(By.id("suspension-end")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("emergency-suspension")).isDisplayed());
        driver.findElement(By.id("disabled-factor-sms")).click();
        driver.findElement(By.cssSelector("#disabled-factors-form button[type=submit]")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("emergency-banner")).isDisplayed());
        state = realm.admin().get(realm.adminPath() + "/staff-mfa/emergency");
        assertThat(state.path("suspension").isNull()).isTrue();
        assertThat(state.path("disabledFactors")).isEmpty();
    }

    @Test
    void aRealmManagerSetsCodeSettingsAndASenderSecretThatIsNeverShownAgain() {
        // Where SMS codes go is the realm managers' decision (manage-realm), not MFA officers' alone.
        realm.admin().createUser(realm.name(), "postmaster", "postmaster-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "postmaster", "manage-realm", "view-realm", "query-groups");
        WebDriver driver = browser.driver();
        signIn("postmaster", "postmaster-pw");
        waitForText(By.id("group-list"), "/staff/systems"); // the page has started: its tabs answer clicks
        driver.findElement(By.cssSelector("#tabs button[data-tab=codes]")).click();
        // The fields are in the page from the start; the realm's settings and the defaults arrive later. Typing before
        // they have arrived would be overwritten, so wait for the defaults (which also proves they are shown).
        browser.waitUpTo(Duration.ofSeconds(30)).until(
            ExpectedConditions.attributeToBe(By.id("sms-code-validity"), "placeholder", "(default: 15)"));
        driver.findElement(By.id("sms-code-length")).sendKeys("8");
        new Select(driver.findElement(By.id("sms-sender"))).selectByValue("http");
        waitFor(By.id("sms-option-http-url"));
        driver.findElement(By.id("sms-option-http-url")).sendKeys("https://sms.library.example/send");
        driver.findElement(By.id("sms-option-http-bearer-token")).sendKeys("page-secret-token");
        driver.findElement(By.cssSelector("#sms-codes-form button[type=submit]")).click();
        waitForText(By.id("message"), "SMS code settings saved.");
        browser.screenshot("admin-10-codes");

        JsonNode stored = realm.admin().get(realm.adminPath() + "/staff-mfa/code-settings/sms").path("settings");
        assertThat(stored.path("codeLength").asInt()).isEqualTo(8);
        assertThat(stored.at("/senderOptions/http/url").asText()).isEqualTo("https://sms.library.example/send");
        assertThat(stored.at("/senderOptions/http/bearer-token").asText()).isEqualTo("**********");
        WebElement secret = driver.findElement(By.id("sms-option-http-bearer-token"));
        assertThat(secret.getAttribute("value")).isEmpty();
        assertThat(secret.getAttribute("placeholder")).isEqualTo("set (type to replace)");
        assertThat(driver.getPageSource()).doesNotContain("page-secret-token");

        // Saving again without typing the secret keeps it.
        driver.findElement(By.id("sms-code-length")).clear();
        driver.findElement(By.id("sms-code-length")).sendKeys("7");
        driver.findElement(By.cssSelector("#sms-codes-form button[type=submit]")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> realm.admin()
            .get(realm.adminPath() + "/staff-mfa/code-settings/sms").at("/settings/codeLength").asInt() == 7);
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/code-settings/sms")
            .at("/settings/senderOptions/http/bearer-token").asText()).isEqualTo("**********");
    }

    @Test
    void settingsFromARealmFileShowAsTheyCountAndSavingTheGroupDoesNotDropThem() {
        // A realm file as an earlier version exported it: settings spelled otherwise, one value nobody can read.
        String name = realm.name() + "-file";
        String groupId = "0d3f7a52-6a1e-4c55-9f1d-0000000000a1";
        String setting = "staff-mfa.group." + groupId + ".";
        DemoRealm fromFile = DemoRealm.importInto(realm.server(), realm.admin(), name, json -> {
            ((ArrayNode) json.get("groups")).addObject().put("id", groupId).put("name", "night-desk");
            ((ObjectNode) json.get("attributes")).put(setting + "mode", "Required")
                .put(setting + "totp-min-algorithm", "sha-256")
                .put(setting + "remember-browser", "sometimes");
        });
        try {
            fromFile.admin().createUser(name, "file-officer", "file-officer-pw", null);
            fromFile.admin().grantRealmManagementRoles(name, "file-officer", "manage-mfa", "view-users", "query-users",
                "query-groups", "view-clients", "query-clients");
            WebDriver driver = browser.driver();
            signIn(fromFile, "file-officer", "file-officer-pw");
            waitForText(By.id("group-list"), "/night-desk");
            driver.findElement(By.id("group-path")).sendKeys("/night-desk");
            driver.findElement(By.cssSelector("#group-find button")).click();
            waitForText(By.id("group-title"), "/night-desk");
            assertThat(new Select(driver.findElement(By.id("group-mode"))).getFirstSelectedOption().getAttribute("value"))
                .as("'Required' counts as required and shows so").isEqualTo("required");
            assertThat(new Select(driver.findElement(By.id("group-app-minimum"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("SHA256");
            assertThat(new Select(driver.findElement(By.id("group-remember"))).getFirstSelectedOption().getText())
                .as("shown as stored, not as (inherit)").isEqualTo("sometimes (stored, not a valid value: choose one)");
            browser.screenshot("admin-11-realm-file-values");

            // Saved as it is, the unreadable value is refused with the reason, and nothing changes.
            driver.findElement(By.id("group-save")).click();
            waitForText(By.id("message"), "\"rememberBrowser\" must be one of");
            JsonNode stored = fromFile.admin().get(fromFile.adminPath() + "/staff-mfa/groups/" + groupId).path("settings");
            assertThat(stored.path("rememberBrowser").asText()).isEqualTo("sometimes");

            // A valid choice is saved, and the values spelled otherwise are kept, by their API names.
            new Select(driver.findElement(By.id("group-remember"))).selectByValue("never");
            driver.findElement(By.id("group-save")).click();
            waitForText(By.id("message"), "Saved the MFA policy of /night-desk");
            stored = fromFile.admin().get(fromFile.adminPath() + "/staff-mfa/groups/" + groupId).path("settings");
            assertThat(stored.path("mode").asText()).isEqualTo("required");
            assertThat(stored.path("totpMinAlgorithm").asText()).isEqualTo("SHA256");
            assertThat(stored.path("rememberBrowser").asText()).isEqualTo("never");
        } finally {
            realm.admin().deleteRealm(name);
        }
    }

    @Test
    void anMfaAdministratorSeesHowFarMfaHasGotAndWhoIsLeft() {
        realm.admin().createUser(realm.name(), "latecomer", "latecomer-pw", null, "/staff/systems");
        WebDriver driver = browser.driver();
        signIn("mfa-officer", "mfa-officer-pw");
        waitForText(By.id("group-list"), "/staff/systems");
        driver.findElement(By.cssSelector("#tabs button[data-tab=adoption]")).click();
        waitForText(By.id("adoption-groups"), "/staff/systems");
        waitForText(By.id("adoption-totals"), "users:");
        WebElement systems = driver.findElements(By.cssSelector("#adoption-groups tbody tr")).stream()
            .filter(row -> row.getText().startsWith("/staff/systems")).findFirst().orElseThrow();
        systems.findElement(By.tagName("button")).click();
        waitForText(By.id("adoption-list-title"), "Users of /staff/systems");
        new Select(driver.findElement(By.id("adoption-show"))).selectByValue("without-factor");
        driver.findElement(By.cssSelector("#adoption-filter button[type=submit]")).click();
        waitForText(By.id("adoption-users"), "latecomer");
        browser.screenshot("admin-11-adoption");
        assertThat(driver.findElement(By.id("adoption-users")).getText()).doesNotContain("carol");
        assertThat(driver.findElement(By.id("adoption-next")).isEnabled()).isFalse();
    }

    /** Binds the realm's browser flow (GET and PUT of the whole realm, so that no attribute is lost). */
    private static void setBrowserFlow(String alias) {
        com.fasterxml.jackson.databind.node.ObjectNode representation =
            (com.fasterxml.jackson.databind.node.ObjectNode) realm.admin().get(realm.adminPath());
        representation.put("browserFlow", alias);
        assertThat(realm.admin().put(realm.adminPath(), representation).statusCode()).isEqualTo(204);
    }
}
