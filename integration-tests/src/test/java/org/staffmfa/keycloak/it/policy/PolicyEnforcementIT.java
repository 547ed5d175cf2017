package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.QrCodes;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/** No way around the policy, strict reading of bad settings, SAML like OIDC, settings of the enrolment action. */
@RealKeycloakTest
class PolicyEnforcementIT {

    static final String CAROL_SECRET = "4TFRJCFONMETU6QFSXA3NGRKYJ443ON7";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("groups"))
        .addObject().put("name", "typo").putObject("attributes").putArray("staff-mfa.mode").add("requried"));

    private HtmlPage passwordStep(WebClient web, String username, String password) {
        return MfaPages.passwordStep(web, realm, username, password);
    }

    @Test
    void aFactorTheGroupsDoNotAllowIsNeitherOfferedNorAccepted() {
        // Required with email codes only: ella's authenticator app does not count, she must set up email codes.
        realm.admin().createGroup(realm.name(), "email-only", Map.of("staff-mfa.mode", "required", "staff-mfa.factors", "email"));
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "ella", "ella-pw", secret, "/email-only");
        WebClient web = new WebClient(realm.server());

        HtmlPage emailSetup = passwordStep(web, "ella", "ella-pw");

        assertThat(emailSetup.has("#staff-mfa-target-form")).as(emailSetup.text()).isTrue();
        assertThat(MfaPages.isCodePage(emailSetup)).isFalse();
        HtmlPage forged = web.submit(emailSetup.form("#staff-mfa-target-form").remove("target")
            .set("code", TotpGenerator.googleAuthenticator(secret).now()));
        assertThat(forged.redirectOutsideKeycloak()).isEmpty();
    }

    @Test
    void aRequiredUserWhoCanNeitherUseNorEnrolAnAllowedFactorIsRefused() {
        // Recovery codes only: they are handed out after a first factor and cannot be one, so nothing the user could
        // set up passes and the login is refused.
        realm.admin().createGroup(realm.name(), "codes-only", Map.of("staff-mfa.mode", "required", "staff-mfa.factors", "recovery-codes"));
        realm.admin().createUser(realm.name(), "kai", "kai-pw", TotpGenerator.randomBase32Secret(), "/codes-only");

        HtmlPage refused = passwordStep(new WebClient(realm.server()), "kai", "kai-pw");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("Your account needs a second factor, but none can be used or set up right now.");
        assertThat(refused.redirectOutsideKeycloak()).isEmpty();
        assertThat(realm.admin().userEvents(realm.name(), "kai", "LOGIN_ERROR").get(0).path("error").asText())
            .isEqualTo("mfa_not_available");
    }

    @Test
    void realmDefaultsSetThroughTheAdminApiApplyToUsersInNoMfaGroup() {
        realm.admin().createUser(realm.name(), "nora", "nora-pw", null);
        assertThat(realm.admin().put(realm.adminPath() + "/staff-mfa/settings",
            Map.of("defaults", Map.of("mode", "required"))).statusCode()).isEqualTo(200);
        try {
            assertThat(MfaPages.isEnrolChooser(passwordStep(new WebClient(realm.server()), "nora", "nora-pw"))).isTrue();
            // Setting a default leaves the realm's other settings alone.
            assertThat(realm.admin().get(realm.adminPath()).path("bruteForceProtected").asBoolean()).isTrue();
        } finally {
            realm.admin().put(realm.adminPath() + "/staff-mfa/settings", Map.of());
        }
        assertThat(passwordStep(new WebClient(realm.server()), "nora", "nora-pw").redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void switchingToAFactorThatIsNotAllowedChangesNothing() {
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = passwordStep(web, "carol", "carol-demo");

        HtmlPage afterForgedSwitch = web.submit(codePage.form(MfaPages.CODE_FORM).remove("code").set("factor", "sms"));

        assertThat(MfaPages.isCodePage(afterForgedSwitch)).isTrue();
        assertThat(afterForgedSwitch.text("#staff-mfa-code-instruction")).contains("authenticator app");
        assertThat(afterForgedSwitch.redirectOutsideKeycloak()).isEmpty();
    }

    @Test
    void requiredUsersAreRefusedWhenTheEnrolmentActionIsDisabled() {
        realm.admin().createUser(realm.name(), "dirk", "dirk-pw", null, "/staff/systems");
        JsonNode action = realm.admin().get(realm.adminPath() + "/authentication/required-actions/staff-mfa-enrol");
        ((ObjectNode) action).put("enabled", false);
        realm.admin().put(realm.adminPath() + "/authentication/required-actions/staff-mfa-enrol", action);
        try {
            HtmlPage refused = passwordStep(new WebClient(realm.server()), "dirk", "dirk-pw");

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.redirectOutsideKeycloak()).isEmpty();
        } finally {
            ((ObjectNode) action).put("enabled", true);
            realm.admin().put(realm.adminPath() + "/authentication/required-actions/staff-mfa-enrol", action);
        }
        assertThat(MfaPages.isEnrolChooser(passwordStep(new WebClient(realm.server()), "dirk", "dirk-pw"))).isTrue();
    }

    @Test
    void aModeWithATypoIsReadAsRequiredAndLoggedOnce() throws Exception {
        // The admin API refuses the typo; a realm file gets it through (group attributes, adopted as they are).
        String typo = realm.admin().get(realm.adminPath() + "/group-by-path/typo").path("id").asText();
        assertThat(realm.admin().put(realm.adminPath() + "/staff-mfa/groups/" + typo, Map.of("mode", "requried"))
            .statusCode()).isEqualTo(400);
        realm.admin().createUser(realm.name(), "tina", "tina-pw", null, "/typo");

        assertThat(MfaPages.isEnrolChooser(passwordStep(new WebClient(realm.server()), "tina", "tina-pw"))).isTrue();
        assertThat(MfaPages.isEnrolChooser(passwordStep(new WebClient(realm.server()), "tina", "tina-pw"))).isTrue();

        assumeTrue(realm.server().logFile().isPresent(), "server log only readable when the harness started Keycloak");
        Path log = realm.server().logFile().get();
        String expected = "Staff MFA configuration error in realm '" + realm.name()
            + "': /typo: staff-mfa.mode=\"requried\" is not valid; using required (the strictest mode)";
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).filteredOn(line -> line.contains(expected)).hasSize(1);
    }

    @Test
    void samlLoginToAlmaIsGatedLikeOidc() {
        WebClient web = new WebClient(realm.server());
        HtmlPage login = web.get(realm.url() + "/protocol/saml/clients/alma");

        HtmlPage codePage = MfaPages.login(web, login, "carol", "carol-demo");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        assertThat(codePage.has("input[name=SAMLResponse]")).isFalse();

        HtmlPage samlPost = MfaPages.enterCode(web, codePage, TotpGenerator.googleAuthenticator(CAROL_SECRET).stepsFromNow(1));
        String samlResponse = new String(Base64.getDecoder().decode(
            samlPost.form("form").fields().get("SAMLResponse")), StandardCharsets.UTF_8);
        assertThat(samlResponse).contains("urn:oasis:names:tc:SAML:2.0:status:Success").contains(">carol</");
    }

    @Test
    void pagesSpeakGermanToGermanBrowsers() {
        realm.admin().createUser(realm.name(), "greta", "greta-pw", null, "/staff/circulation");
        WebClient web = new WebClient(realm.server()).acceptLanguage("de");

        HtmlPage chooser = passwordStep(web, "greta", "greta-pw");

        assertThat(chooser.text()).contains("Zweiten Faktor einrichten", "Authenticator-App", "Vorerst überspringen");
        HtmlPage setup = web.submit(chooser.form(MfaPages.ENROL_FORM).press("factor"));
        assertThat(setup.text()).contains("Authenticator-App einrichten", "Gerätename (optional)");
    }

    @Test
    void enrolmentSettingsShapeWhatTheAppReceives() {
        String configPath = realm.adminPath() + "/authentication/required-actions/staff-mfa-enrol/config";
        assertThat(realm.admin().put(configPath, Map.of("config", Map.of("totp-secret-length", "8"))).statusCode())
            .isEqualTo(400);
        assertThat(realm.admin().put(configPath, Map.of("config", Map.of("totp-label-attribute", "not valid!"))).statusCode())
            .isEqualTo(400);
        assertThat(realm.admin().put(configPath, Map.of("config", Map.of(
            "totp-issuer", "Stadtbibliothek: Personal", "totp-label-attribute", "id", "totp-secret-length", "32")))
            .statusCode()).isEqualTo(204);
        try {
            String userId = realm.admin().createUser(realm.name(), "ida", "ida-pw", null, "/staff/systems");
            WebClient web = new WebClient(realm.server());
            HtmlPage setup = MfaPages.totpSetup(web, passwordStep(web, "ida", "ida-pw"));

            String secret = MfaPages.totpSecret(setup);
            assertThat(TotpGenerator.base32Decode(secret)).hasSize(32);
            assertThat(setup.text("#staff-mfa-totp-account")).isEqualTo(userId);
            String keyUri = QrCodes.decodeDataUri(setup.document().selectFirst("#staff-mfa-totp-qr").attr("src"));
            assertThat(keyUri).isEqualTo("otpauth://totp/Stadtbibliothek%20%20Personal:" + userId + "?secret=" + secret
                + "&issuer=Stadtbibliothek%20%20Personal&algorithm=SHA1&digits=6&period=30");
        } finally {
            realm.admin().put(configPath, Map.of("config", Map.of()));
        }
    }
}
