package org.staffmfa.keycloak.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Keycloak's recovery codes as a factor of the policy: handed out once the first factor is set up, never a first
 * factor themselves, each usable once and in order, and a login with one says how many are left and suggests a new
 * factor. Brute-force lockout is raised in this realm so that every rejected code can be counted.
 */
@RealKeycloakTest
class RecoveryCodesIT {

    private static final String INVALID = "Invalid recovery code. Please enter the code with the number shown.";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json
        .put("failureFactor", 100)
        .put("quickLoginCheckMilliSeconds", 0));

    @Test
    void codesComeAfterTheFirstFactorAndWorkOnceEachInOrder() {
        realm.admin().createUser(realm.name(), "rita", "rita-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "rita", "rita-pw");

        // Not a first factor: neither offered nor accepted when posted.
        assertThat(chooser.has("#staff-mfa-enrol-recovery-codes")).isFalse();
        HtmlPage refused = web.submit(chooser.form(MfaPages.ENROL_FORM).set("factor", "recovery-codes"));
        assertThat(MfaPages.alert(refused)).isEqualTo(
            "That factor is not available for your account. Please choose one of the factors listed.");

        HtmlPage setup = MfaPages.totpSetup(web, refused);
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));
        HtmlPage offer = MfaPages.confirmTotp(web, setup, app.now(), "Phone");
        assertThat(MfaPages.isRecoveryCodesPage(offer)).as(offer.text()).isTrue();
        List<String> codes = MfaPages.recoveryCodes(offer);
        assertThat(codes).hasSize(12).allMatch(code -> code.matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"));
        assertThat(offer.form(MfaPages.RECOVERY_CODES_FORM).fields().values())
            .as("the codes stay on the server").noneMatch(value -> codes.contains(value) || value.length() > 20);

        HtmlPage notTicked = web.submit(offer.form(MfaPages.RECOVERY_CODES_FORM));
        assertThat(MfaPages.fieldError(notTicked, "saved")).isEqualTo("Please save the codes and tick the box to confirm.");
        assertThat(MfaPages.recoveryCodes(notTicked)).as("the same codes again").isEqualTo(codes);
        assertThat(MfaPages.saveRecoveryCodes(web, notTicked).redirectOutsideKeycloak()).isPresent();
        assertThat(credentialTypes("rita")).contains("otp", "recovery-authn-codes");
        JsonNode enrolment = latestLogin("rita");
        assertThat(enrolment.path("details").path("mfa_enrolment").asText()).isEqualTo("totp");
        assertThat(enrolment.path("details").path("mfa_recovery_codes").asText()).isEqualTo("saved");

        // Phone lost: the app's page offers the codes; code number 1 is asked for, others do not work.
        WebClient second = new WebClient(realm.server());
        HtmlPage codePage = useRecoveryCode(second, MfaPages.passwordStep(second, realm, "rita", "rita-pw"));
        assertThat(codePage.text("#staff-mfa-code-instruction")).isEqualTo("Enter recovery code number 1 from your saved list.");
        assertThat(codePage.has("#remember")).as("a recovery code never remembers the browser").isFalse();
        HtmlPage outOfOrder = MfaPages.enterCode(second, codePage, codes.get(1));
        assertThat(MfaPages.fieldError(outOfOrder, "code")).isEqualTo(INVALID);
        // Typed as people type: lower case, without dashes.
        HtmlPage afterCode = MfaPages.enterCode(second, outOfOrder, codes.get(0).replace("-", "").toLowerCase(Locale.ROOT));
        assertThat(afterCode.text("#staff-mfa-recovery-codes-left")).isEqualTo("You have 11 recovery codes left.");
        assertThat(afterCode.has("#staff-mfa-enrol-totp")).as("a new factor is suggested").isTrue();
        assertThat(MfaPages.skipEnrolment(second, afterCode).redirectOutsideKeycloak()).isPresent();
        JsonNode login = latestLogin("rita");
        assertThat(login.path("details").path("mfa_factor").asText()).isEqualTo("recovery-codes");
        assertThat(login.path("details").path("mfa_recovery_codes_left").asText()).isEqualTo("11");
        assertThat(login.path("details").path("mfa_enrolment").asText()).isEqualTo("declined-after-recovery-code");

        // Used is used: code 1 again is refused, code 2 is asked for.
        WebClient third = new WebClient(realm.server());
        HtmlPage next = useRecoveryCode(third, MfaPages.passwordStep(third, realm, "rita", "rita-pw"));
        assertThat(next.text("#staff-mfa-code-instruction")).contains("number 2");
        int failures = realm.admin().awaitFailures(realm.name(), "rita", 0);
        HtmlPage reused = MfaPages.enterCode(third, next, codes.get(0));
        assertThat(MfaPages.fieldError(reused, "code")).isEqualTo(INVALID);
        assertThat(realm.admin().awaitFailures(realm.name(), "rita", failures + 1)).isEqualTo(failures + 1);
        HtmlPage hostile = reused;
        for (String input : List.of("x".repeat(10_000), "ÄÖÜ-ßßß-€€€€", "<script>alert(1)</script>", "", "   ")) {
            hostile = MfaPages.enterCode(third, hostile, input);
            assertThat(hostile.status()).isEqualTo(200);
            assertThat(MfaPages.fieldError(hostile, "code")).as(input).isEqualTo(INVALID);
            assertThat(hostile.body()).doesNotContain("<script>alert(1)");
        }
        assertThat(realm.admin().awaitFailures(realm.name(), "rita", failures + 6)).isEqualTo(failures + 6);
        HtmlPage secondCode = MfaPages.enterCode(third, hostile, codes.get(1));
        assertThat(secondCode.text("#staff-mfa-recovery-codes-left")).isEqualTo("You have 10 recovery codes left.");
    }

    @Test
    void afterTheLastCodeANewSetIsOfferedAndReplacesTheOldOne() {
        realm.admin().createUser(realm.name(), "otto", "otto-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(web, MfaPages.passwordStep(web, realm, "otto", "otto-pw"));
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));
        HtmlPage offer = MfaPages.confirmTotp(web, setup, app.now(), "");
        List<String> codes = MfaPages.recoveryCodes(offer);
        MfaPages.saveRecoveryCodes(web, offer);

        HtmlPage afterCode = null;
        for (int i = 0; i < codes.size(); i++) {
            WebClient login = new WebClient(realm.server());
            afterCode = MfaPages.enterCode(login, useRecoveryCode(login, MfaPages.passwordStep(login, realm, "otto", "otto-pw")),
                codes.get(i));
            if (i < codes.size() - 1) {
                assertThat(MfaPages.skipEnrolment(login, afterCode).redirectOutsideKeycloak()).isPresent();
            } else {
                // The last one: the set is spent and gone; a new one is offered among the factors.
                assertThat(afterCode.text("#staff-mfa-recovery-codes-left")).isEqualTo("You have no recovery codes left.");
                assertThat(credentialTypes("otto")).doesNotContain("recovery-authn-codes");
                HtmlPage newSet = login.submit(afterCode.form(MfaPages.ENROL_FORM).set("factor", "recovery-codes"));
                List<String> fresh = MfaPages.recoveryCodes(newSet);
                assertThat(fresh).hasSize(12).doesNotContainAnyElementsOf(codes);
                assertThat(newSet.has(MfaPages.LATER_FORM)).isFalse();
                assertThat(MfaPages.saveRecoveryCodes(login, newSet).redirectOutsideKeycloak()).isPresent();
            }
        }
        assertThat(credentialTypes("otto")).contains("otp", "recovery-authn-codes");

        // Without codes the app's page no longer offers them... with the new set it does, starting at number 1.
        WebClient again = new WebClient(realm.server());
        HtmlPage appPage = MfaPages.passwordStep(again, realm, "otto", "otto-pw");
        assertThat(useRecoveryCode(again, appPage).text("#staff-mfa-code-instruction")).contains("number 1");
    }

    @Test
    void aGroupWithoutRecoveryCodesNeitherHandsThemOutNorAcceptsThem() {
        realm.admin().createUser(realm.name(), "sina", "sina-pw", null, "/sandbox");
        WebClient web = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(web, MfaPages.passwordStep(web, realm, "sina", "sina-pw"));
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));
        assertThat(MfaPages.confirmTotp(web, setup, app.now(), "").redirectOutsideKeycloak())
            .as("sandbox allows only the app: no codes page").isPresent();

        WebClient next = new WebClient(realm.server());
        HtmlPage appPage = MfaPages.passwordStep(next, realm, "sina", "sina-pw");
        assertThat(appPage.has(MfaPages.OTHER_FACTORS_FORM)).isFalse();
        HtmlPage stillApp = next.submit(appPage.form(MfaPages.CODE_FORM).set("factor", "recovery-codes"));
        assertThat(stillApp.text("#staff-mfa-code-instruction")).contains("authenticator app");
    }

    private static HtmlPage useRecoveryCode(WebClient web, HtmlPage factorPage) {
        HtmlPage page = web.submit(factorPage.form(MfaPages.OTHER_FACTORS_FORM).set("factor", "recovery-codes"));
        assertThat(page.text("#staff-mfa-code-instruction")).as(page.text()).contains("recovery code");
        return page;
    }

    private List<String> credentialTypes(String username) {
        return realm.admin().userCredentials(realm.name(), username).findValues("type").stream()
            .map(JsonNode::asText).toList();
    }

    private JsonNode latestLogin(String username) {
        return realm.admin().userEvents(realm.name(), username, "LOGIN").get(0);
    }
}
