package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * The group policy decides what happens after the password, in the demo realm's "staff browser" flow: staff
 * (allowed, 12 h) with circulation inheriting, systems (required, 8 h), sandbox (required, TOTP only, 0).
 */
@RealKeycloakTest
class GroupPolicyLoginIT {

    static final String REDIRECT = MfaPages.EVERGREEN_REDIRECT;
    static final String CAROL_SECRET = "4TFRJCFONMETU6QFSXA3NGRKYJ443ON7";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    private HtmlPage passwordStep(WebClient web, String username, String password) {
        return MfaPages.passwordStep(web, realm, username, password);
    }

    private static void assertLoggedIn(HtmlPage page) {
        URI redirect = page.redirectOutsideKeycloak().orElseThrow(() -> new AssertionError("Not logged in; page: " + page.text()));
        assertThat(redirect.toString()).startsWith(REDIRECT).contains("code=");
    }

    private JsonNode latestLogin(String username) {
        return realm.admin().userEvents(realm.name(), username, "LOGIN").get(0);
    }

    @Test
    void modeOffUserLogsInWithPasswordAlone() {
        realm.admin().createUser(realm.name(), "olga", "olga-pw", null);
        WebClient web = new WebClient(realm.server());

        assertLoggedIn(passwordStep(web, "olga", "olga-pw"));
        assertThat(latestLogin("olga").path("details").path("mfa_skip_reason").asText()).isEqualTo("mode-off");
    }

    @Test
    void allowedUserWithoutFactorIsOfferedEnrolmentAndMaySkip() {
        realm.admin().createUser(realm.name(), "amy", "amy-pw", null, "/staff/circulation");
        WebClient web = new WebClient(realm.server());

        HtmlPage chooser = passwordStep(web, "amy", "amy-pw");
        assertThat(MfaPages.isEnrolChooser(chooser)).as(chooser.text()).isTrue();
        assertThat(chooser.has("#staff-mfa-enrol-totp")).isTrue();
        assertThat(chooser.has("button[name=skip]")).isTrue();

        assertLoggedIn(MfaPages.skipEnrolment(web, chooser));
        JsonNode login = latestLogin("amy");
        assertThat(login.path("details").path("mfa_mode").asText()).isEqualTo("allowed");
        assertThat(login.path("details").path("mfa_skip_reason").asText()).isEqualTo("enrolment-skipped");
        assertThat(realm.admin().userEvents(realm.name(), "amy", "CUSTOM_REQUIRED_ACTION").get(0)
            .path("details").path("mfa_enrolment").asText()).isEqualTo("skipped");
    }

    @Test
    void afterSkipTheOfferReturnsOnlyOnceTheRecheckIntervalHasPassed() {
        realm.admin().createUser(realm.name(), "ben", "ben-pw", null, "/staff/cataloging");
        WebClient first = new WebClient(realm.server());
        assertLoggedIn(MfaPages.skipEnrolment(first, passwordStep(first, "ben", "ben-pw")));

        HtmlPage soonAfter = passwordStep(new WebClient(realm.server()), "ben", "ben-pw");
        assertLoggedIn(soonAfter);
        assertThat(latestLogin("ben").path("details").path("mfa_skip_reason").asText()).isEqualTo("not-enrolled");

        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofHours(11))) {
            assertLoggedIn(passwordStep(new WebClient(realm.server()), "ben", "ben-pw"));
        }
        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofHours(12).plusMinutes(1))) {
            assertThat(MfaPages.isEnrolChooser(passwordStep(new WebClient(realm.server()), "ben", "ben-pw"))).isTrue();
        }
    }

    @Test
    void requiredUserWithoutFactorMustEnrolTotpBeforeTheLoginCompletes() {
        realm.admin().createUser(realm.name(), "bert", "bert-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());

        HtmlPage chooser = passwordStep(web, "bert", "bert-pw");
        assertThat(MfaPages.isEnrolChooser(chooser)).as(chooser.text()).isTrue();
        assertThat(chooser.has("button[name=skip]")).isFalse();

        // Posting "skip" anyway is refused, and the login goes on.
        HtmlPage refused = web.submit(chooser.form(MfaPages.ENROL_FORM).set("skip", "true"));
        assertThat(refused.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.alert(refused)).isEqualTo("Your account requires a second factor. Please set one up to continue.");
        assertThat(refused.has("button[name=skip]")).isFalse();

        HtmlPage setup = MfaPages.totpSetup(web, refused);
        String secret = MfaPages.totpSecret(setup);

        HtmlPage wrong = MfaPages.confirmTotp(web, setup, "000000", "Phone");
        assertThat(MfaPages.fieldError(wrong, "code")).isEqualTo("Invalid code. Please try again.");
        assertThat(MfaPages.totpSecret(wrong)).isEqualTo(secret);
        assertThat(realm.admin().userCredentials(realm.name(), "bert"))
            .extracting(c -> c.path("type").asText()).doesNotContain("otp");

        assertLoggedIn(MfaPages.postponeRecoveryCodes(web,
            MfaPages.confirmTotp(web, wrong, TotpGenerator.googleAuthenticator(secret).now(), "Phone")));
        JsonNode otp = otpCredential("bert");
        assertThat(otp.path("userLabel").asText()).isEqualTo("Phone");
        assertThat(latestLogin("bert").path("details").path("mfa_factor").asText()).isEqualTo("totp");

        // Next login: the new factor is asked for.
        HtmlPage codePage = passwordStep(new WebClient(realm.server()), "bert", "bert-pw");
        assertThat(MfaPages.isCodePage(codePage)).isTrue();
    }

    @Test
    void requiredUserWithFactorMustEnterItAndWrongCodesKeepTheLogin() {
        WebClient web = new WebClient(realm.server());

        HtmlPage codePage = passwordStep(web, "carol", "carol-demo");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();

        HtmlPage wrong = MfaPages.enterCode(web, codePage, "123456");
        assertThat(MfaPages.fieldError(wrong, "code")).isEqualTo("Invalid code. Please try again.");
        assertThat(MfaPages.isCodePage(wrong)).isTrue();

        assertLoggedIn(MfaPages.enterCode(web, wrong, TotpGenerator.googleAuthenticator(CAROL_SECRET).now()));
        JsonNode login = latestLogin("carol");
        assertThat(login.path("details").path("mfa_factor").asText()).isEqualTo("totp");
        assertThat(login.path("details").path("mfa_mode").asText()).isEqualTo("required");
    }

    private JsonNode otpCredential(String username) {
        List<JsonNode> otp = new ArrayList<>();
        realm.admin().userCredentials(realm.name(), username).forEach(c -> {
            if (c.path("type").asText().equals("otp")) {
                otp.add(c);
            }
        });
        assertThat(otp).hasSize(1);
        return otp.get(0);
    }

    @SuppressWarnings("unused")
    private static Map<String, String> none() {
        return Map.of();
    }
}
