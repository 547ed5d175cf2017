package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * A group's {@code totpMinAlgorithm}: members whose authenticator apps use a weaker HMAC algorithm (SHA-1, Keycloak's
 * default, which it plans to drop for OTP) sign in with it once more and then set up a new app; the old one is
 * removed only after the new one is confirmed, or when they sign in with a strong enough app they already have. New
 * apps of such members get the stronger algorithm from the start.
 */
@RealKeycloakTest
class AppAlgorithmMinimumIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    private static String group(String name, ObjectNode settings) {
        String id = realm.admin().createGroup(realm.name(), name, Map.of());
        HttpResponse<String> saved = realm.admin().put(realm.adminPath() + "/staff-mfa/groups/" + id, settings);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        return id;
    }

    private static ObjectNode requiredApps(String minimum) {
        ObjectNode settings = AdminClient.json().put("mode", "required").put("recheckInterval", "PT8H");
        settings.putArray("factors").add("totp");
        return minimum == null ? settings : settings.put("totpMinAlgorithm", minimum);
    }

    private static TotpGenerator sha256(String base32Secret) {
        return new TotpGenerator(TotpGenerator.base32Decode(base32Secret), "HmacSHA256", 6, 30);
    }

    private static List<JsonNode> apps(String username) {
        List<JsonNode> apps = new java.util.ArrayList<>();
        realm.admin().userCredentials(realm.name(), username).forEach(credential -> {
            if ("otp".equals(credential.path("type").asText())) {
                apps.add(credential);
            }
        });
        return apps;
    }

    /** An authenticator app as Keycloak's admin API hands it over. */
    private static ObjectNode app(String label, String base32Secret, String algorithm) {
        return AdminClient.json().put("type", "otp").put("userLabel", label)
            .put("secretData", "{\"value\":\"" + base32Secret + "\"}")
            .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                + "\"algorithm\":\"" + algorithm + "\",\"secretEncoding\":\"BASE32\"}");
    }

    private static String algorithmOf(JsonNode credential) {
        return AdminClient.readJson(credential.path("credentialData").asText()).path("algorithm").asText();
    }

    @Test
    void aSha1AppSignsInOnceMoreThenANewAppReplacesItAndOnlyThenIsTheOldOneRemoved() {
        group("modern-apps", requiredApps("SHA256"));
        String oldSecret = TotpGenerator.randomBase32Secret();
        TotpGenerator oldApp = TotpGenerator.googleAuthenticator(oldSecret);
        realm.admin().createUser(realm.name(), "sven", "sven-pw", oldSecret, "/modern-apps");
        String oldId = apps("sven").get(0).path("id").asText();

        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "sven", "sven-pw");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        HtmlPage replace = MfaPages.enterCode(web, codePage, oldApp.now());

        assertThat(MfaPages.isTotpSetup(replace)).as(replace.text()).isTrue();
        assertThat(replace.text("h1")).isEqualTo("Set up your authenticator app again");
        assertThat(replace.text("#staff-mfa-replace-app")).contains("makes its codes with SHA1")
            .contains("set it up again now with SHA256").contains("keeps working until the new one is confirmed");
        assertThat(replace.text("#staff-mfa-totp-algorithm")).isEqualTo("SHA256");
        assertThat(replace.text("#staff-mfa-totp-step1")).contains("can make SHA256 codes");
        assertThat(replace.has("#staff-mfa-back")).as("nothing else to choose").isFalse();
        assertThat(replace.has("#staff-mfa-skip")).isFalse();

        // Skipping is refused by the server, whatever the page offers.
        HtmlPage skipped = web.submit(replace.form(MfaPages.TOTP_SETUP_FORM).remove("code").set("skip", "true"));
        assertThat(skipped.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.isTotpSetup(skipped)).as(skipped.text()).isTrue();
        assertThat(skipped.has("#staff-mfa-replace-app")).isTrue();

        // Until the new app is confirmed, the old one still signs in (another browser) and is asked to be replaced again.
        WebClient other = new WebClient(realm.server());
        HtmlPage otherReplace = MfaPages.enterCode(other, MfaPages.passwordStep(other, realm, "sven", "sven-pw"),
            oldApp.stepsFromNow(1));
        assertThat(MfaPages.isTotpSetup(otherReplace)).as(otherReplace.text()).isTrue();
        assertThat(apps("sven")).extracting(app -> app.path("id").asText()).containsExactly(oldId);

        // A code made with SHA-1 from the new secret does not confirm an app set up for SHA-256.
        String newSecret = MfaPages.totpSecret(skipped);
        HtmlPage wrong = MfaPages.confirmTotp(web, skipped, TotpGenerator.googleAuthenticator(newSecret).now(), "New phone");
        assertThat(MfaPages.fieldError(wrong, "code")).isEqualTo("Invalid code. Please try again.");
        assertThat(apps("sven")).hasSize(1);

        HtmlPage done = MfaPages.confirmTotp(web, wrong, sha256(newSecret).now(), "New phone");
        assertThat(done.redirectOutsideKeycloak()).as(done.text()).isPresent();

        List<JsonNode> after = apps("sven");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("id").asText()).isNotEqualTo(oldId);
        assertThat(after.get(0).path("userLabel").asText()).isEqualTo("New phone");
        assertThat(algorithmOf(after.get(0))).isEqualTo("HmacSHA256");
        JsonNode removal = realm.admin().userEvents(realm.name(), "sven", "REMOVE_CREDENTIAL").get(0);
        assertThat(removal.path("details").path("credential_id").asText()).isEqualTo(oldId);
        JsonNode login = realm.admin().userEvents(realm.name(), "sven", "LOGIN").get(0);
        assertThat(login.path("details").path("mfa_factor").asText()).as("the login's event says how it passed: " + login)
            .isEqualTo("totp");
        assertThat(login.path("details").path("mfa_enrolment").asText()).isEqualTo("replace-app");

        // From now on: the new app's codes, no replacement page; the old app's codes no longer work.
        WebClient next = new WebClient(realm.server());
        HtmlPage nextCode = MfaPages.passwordStep(next, realm, "sven", "sven-pw");
        HtmlPage refused = MfaPages.enterCode(next, nextCode, oldApp.stepsFromNow(-1));
        assertThat(MfaPages.fieldError(refused, "code")).isEqualTo("Invalid code. Please try again.");
        assertThat(MfaPages.enterCode(next, refused, sha256(newSecret).stepsFromNow(1)).redirectOutsideKeycloak())
            .isPresent();
    }

    @Test
    void aRememberedBrowserDoesNotStandInWhileAnAppMustBeReplaced() {
        String groupId = group("apps-later", requiredApps(null));
        String secret = TotpGenerator.randomBase32Secret();
        TotpGenerator app = TotpGenerator.googleAuthenticator(secret);
        realm.admin().createUser(realm.name(), "rhea", "rhea-pw", secret, "/apps-later");

        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "rhea", "rhea-pw");
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM).set("code", app.now()).set("remember", "on"));
        assertThat(done.redirectOutsideKeycloak()).as(done.text()).isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        assertThat(MfaPages.passwordStep(web, realm, "rhea", "rhea-pw").redirectOutsideKeycloak())
            .as("remembered before the minimum is raised").isPresent();

        HttpResponse<String> raised = realm.admin().put(realm.adminPath() + "/staff-mfa/groups/" + groupId,
            requiredApps("SHA512"));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        HtmlPage asked = MfaPages.passwordStep(web, realm, "rhea", "rhea-pw");
        assertThat(MfaPages.isCodePage(asked)).as(asked.text()).isTrue();
        HtmlPage replace = MfaPages.enterCode(web, asked, app.stepsFromNow(1));
        assertThat(MfaPages.isTotpSetup(replace)).as(replace.text()).isTrue();
        assertThat(replace.text("#staff-mfa-totp-algorithm")).isEqualTo("SHA512");
    }

    @Test
    void askingForTheEnrolmentActionDoesNotSkipTheReplacement() {
        group("apps-kc-action", requiredApps("SHA256"));
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "kira", "kira-pw", secret, "/apps-kc-action");
        WebClient web = new WebClient(realm.server());
        HtmlPage login = web.get(org.staffmfa.keycloak.it.support.OidcClient.evergreenStaff(realm)
            .authorizationUrl(MfaPages.EVERGREEN_REDIRECT) + "&kc_action=staff-mfa-enrol");
        HtmlPage codePage = MfaPages.login(web, login, "kira", "kira-pw");
        HtmlPage replace = MfaPages.enterCode(web, codePage, TotpGenerator.googleAuthenticator(secret).now());
        assertThat(replace.redirectOutsideKeycloak()).isEmpty();
        assertThat(replace.has("#staff-mfa-replace-app")).as(replace.text()).isTrue();
    }

    @Test
    void strongEnoughAppsAreNotTouchedAndNewAppsGetTheMinimumFromTheStart() {
        group("strong-apps", requiredApps("SHA256"));
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithCredentials(realm.name(), "stina", "stina-pw", List.of(),
            List.of(app("Strong app", secret, "HmacSHA256")),
            "/strong-apps");
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "stina", "stina-pw");
        assertThat(MfaPages.enterCode(web, codePage, sha256(secret).now()).redirectOutsideKeycloak()).isPresent();
        assertThat(apps("stina")).hasSize(1);

        realm.admin().createUser(realm.name(), "nils", "nils-pw", null, "/strong-apps");
        WebClient newcomer = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(newcomer, MfaPages.passwordStep(newcomer, realm, "nils", "nils-pw"));
        assertThat(setup.has("#staff-mfa-replace-app")).as("a first app replaces nothing").isFalse();
        assertThat(setup.text("h1")).isEqualTo("Set up an authenticator app");
        assertThat(setup.text("#staff-mfa-totp-algorithm")).isEqualTo("SHA256");
        HtmlPage done = MfaPages.confirmTotp(newcomer, setup, sha256(MfaPages.totpSecret(setup)).now(), "Phone");
        assertThat(done.redirectOutsideKeycloak()).as(done.text()).isPresent();
        assertThat(algorithmOf(apps("nils").get(0))).isEqualTo("HmacSHA256");
    }

    @Test
    void signingInWithAStrongAppSheAlreadyHasRemovesTheWeakOneAndAsksNothingElse() {
        group("mixed-apps", requiredApps("SHA256"));
        String weakSecret = TotpGenerator.randomBase32Secret();
        String strongSecret = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithCredentials(realm.name(), "mika", "mika-pw", List.of(),
            List.of(app("Old phone", weakSecret, "HmacSHA1"), app("New phone", strongSecret, "HmacSHA256")), "/mixed-apps");
        String weakId = apps("mika").stream().filter(app -> algorithmOf(app).equals("HmacSHA1")).findFirst().orElseThrow()
            .path("id").asText();

        // Signing in with the old phone: a stored strong app proves nothing (never handed over, or on a lost phone), so
        // the old one is replaced as usual and stays until then.
        WebClient web = new WebClient(realm.server());
        HtmlPage replace = MfaPages.enterCode(web, MfaPages.passwordStep(web, realm, "mika", "mika-pw"),
            TotpGenerator.googleAuthenticator(weakSecret).now());
        assertThat(replace.has("#staff-mfa-replace-app")).as(replace.text()).isTrue();
        assertThat(apps("mika")).hasSize(2);

        // Signing in with the new phone: the old app goes, nothing else is asked.
        WebClient other = new WebClient(realm.server());
        HtmlPage signedIn = MfaPages.enterCode(other, MfaPages.passwordStep(other, realm, "mika", "mika-pw"),
            sha256(strongSecret).now());
        assertThat(signedIn.redirectOutsideKeycloak()).as(signedIn.text()).isPresent();
        assertThat(apps("mika")).extracting(app -> app.path("userLabel").asText()).containsExactly("New phone");
        JsonNode removal = realm.admin().userEvents(realm.name(), "mika", "REMOVE_CREDENTIAL").get(0);
        assertThat(removal.path("details").path("credential_id").asText()).isEqualTo(weakId);
        assertThat(removal.path("details").path("mfa_enrolment").asText()).isEqualTo("strong-app-used");
        JsonNode login = realm.admin().userEvents(realm.name(), "mika", "LOGIN").get(0);
        assertThat(login.path("details").path("mfa_enrolment").asText()).as(login.toString()).isEqualTo("strong-app-used");

        WebClient next = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(next, realm, "mika", "mika-pw");
        HtmlPage refused = MfaPages.enterCode(next, codePage, TotpGenerator.googleAuthenticator(weakSecret).stepsFromNow(1));
        assertThat(MfaPages.fieldError(refused, "code")).isEqualTo("Invalid code. Please try again.");
        assertThat(MfaPages.enterCode(next, refused, sha256(strongSecret).stepsFromNow(1)).redirectOutsideKeycloak())
            .isPresent();
    }

    @Test
    void aLoginThatChangesFactorsRemovesNoAppEvenWithTheStrongAppsCode() {
        group("mixed-change", requiredApps("SHA256"));
        String strongSecret = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithCredentials(realm.name(), "tova", "tova-pw", List.of(),
            List.of(app("Old phone", TotpGenerator.randomBase32Secret(), "HmacSHA1"),
                app("New phone", strongSecret, "HmacSHA256")), "/mixed-change");

        // A login to add (or delete) an app: what changes is the user's own choice, not a side effect of the code.
        WebClient web = new WebClient(realm.server());
        HtmlPage login = web.get(org.staffmfa.keycloak.it.support.OidcClient.evergreenStaff(realm)
            .authorizationUrl(MfaPages.EVERGREEN_REDIRECT) + "&kc_action=CONFIGURE_TOTP");
        HtmlPage next = MfaPages.enterCode(web, MfaPages.login(web, login, "tova", "tova-pw"), sha256(strongSecret).now());
        assertThat(next.redirectOutsideKeycloak()).as(next.text()).isEmpty();
        assertThat(apps("tova")).as(next.text()).hasSize(2);
        assertThat(realm.admin().userEvents(realm.name(), "tova", "REMOVE_CREDENTIAL")).isEmpty();
    }

    @Test
    void theApiAcceptsKnownAlgorithmsOnlyAndOnlyForGroups() {
        String id = group("api-apps", requiredApps("sha-512"));
        JsonNode stored = realm.admin().get(realm.adminPath() + "/staff-mfa/groups/" + id);
        assertThat(stored.path("settings").path("totpMinAlgorithm").asText()).isEqualTo("SHA512");

        HttpResponse<String> unknown = realm.admin().put(realm.adminPath() + "/staff-mfa/groups/" + id,
            requiredApps("MD5"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("totpMinAlgorithm").contains("SHA1, SHA256, SHA512");

        // The realm's OTP policy still makes SHA-1 apps: the set-up check says so for this group.
        JsonNode health = realm.admin().get(realm.adminPath() + "/staff-mfa/health");
        List<String> groupsFlagged = new java.util.ArrayList<>();
        health.path("findings").forEach(finding -> {
            if (finding.path("id").asText().equals("app-minimum-above-otp-policy")) {
                groupsFlagged.add(finding.path("subject").asText());
            }
        });
        assertThat(groupsFlagged).contains("/api-apps");

        ObjectNode defaults = AdminClient.json();
        defaults.putObject("defaults").put("totpMinAlgorithm", "SHA256");
        HttpResponse<String> asDefault = realm.admin().put(realm.adminPath() + "/staff-mfa/settings", defaults);
        assertThat(asDefault.statusCode()).isEqualTo(400);
        assertThat(asDefault.body()).contains("per group");
    }
}
