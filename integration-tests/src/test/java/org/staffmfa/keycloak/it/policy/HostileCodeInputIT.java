package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.Form;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Whatever is posted as a code gets the same message, never a server error, is not echoed into the page, and
 * counts as a failed attempt. Brute-force lockout is raised in this realm so that every attempt can be counted.
 */
@RealKeycloakTest
class HostileCodeInputIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json
        .put("failureFactor", 100)
        .put("quickLoginCheckMilliSeconds", 0));

    private static final List<String> HOSTILE = List.of(
        "",
        "abcdef",
        "123 456",
        " 12345",
        "1234567",
        "١٢٣٤٥٦",
        "１２３４５６",
        "<script>alert('x')</script>",
        "9".repeat(10_240));

    @Test
    void everyMalformedCodeGetsTheSameErrorAndCountsAsAFailure() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "hugo", "hugo-pw", secret, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage page = MfaPages.passwordStep(web, realm, "hugo", "hugo-pw");

        int attempts = 0;
        for (String input : HOSTILE) {
            page = web.submit(page.form(MfaPages.CODE_FORM).set("code", input));
            assertRejected(page, input);
            attempts++;
            assertCounted(attempts, input);
        }
        Form missingField = page.form(MfaPages.CODE_FORM).remove("code");
        page = web.submit(missingField);
        assertRejected(page, "(no field)");
        assertCounted(attempts + 1, "(no field)");
        // Nothing was lost: the login goes on with a real code.
        assertThat(MfaPages.enterCode(web, page, TotpGenerator.googleAuthenticator(secret).now())
            .redirectOutsideKeycloak()).isPresent();
    }

    /*
     * Checked after each attempt, not once at the end: Keycloak 26.4 counts failures in a background job per failure,
     * and two such jobs running at once can lose one increment (its own race, not this extension's). Waiting for each
     * count keeps the test about whether every malformed input is counted at all.
     */
    private static void assertCounted(int expected, String input) {
        assertThat(realm.admin().awaitFailures(realm.name(), "hugo", expected)).as("failures after %s", input)
            .isEqualTo(expected);
    }

    private static void assertRejected(HtmlPage page, String input) {
        assertThat(page.status()).as("status for %s", input).isEqualTo(200);
        assertThat(MfaPages.isCodePage(page)).as("code page for %s", input).isTrue();
        assertThat(MfaPages.fieldError(page, "code")).as("message for %s", input).isEqualTo("Invalid code. Please try again.");
        if (input.length() > 3) {
            assertThat(page.body()).as("input echoed").doesNotContain(input);
        }
        assertThat(page.body()).doesNotContain("Exception");
    }
}
