package org.staffmfa.keycloak.it.codes;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.CodeSettingsFixture;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.SmsGateway;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Email and SMS codes against a real SMTP server (GreenMail) and a recording SMS gateway: enrolment with
 * confirmation, login, binding to the login attempt, single use, expiry, resend, voiding, gateway failure.
 */
@RealKeycloakTest
class CodeFactorsIT {

    static final String INVALID_CODE = "Invalid code. Please try again.";

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final SmsGateway gateway = new SmsGateway();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> {
        Mails.sendTo(json, mail);
        CodeSettingsFixture.inRealmFile(json, "sms", Map.of("sender", "http", "http.url", gateway.baseUrl() + "/sms",
            "default-region", "DE"));
        // Every wrong code must reach the counters: no lockout for quick successive failures here.
        json.put("failureFactor", 100).put("quickLoginCheckMilliSeconds", 0);
    });

    /** Every code any test saw, to prove none of them reaches the server log. */
    static final List<String> codesSeen = new ArrayList<>();

    private static String smsCode(int countBefore) {
        String code = gateway.next(countBefore).code();
        codesSeen.add(code);
        return code;
    }

    private static String mailCode(String recipient, Set<String> seen) {
        // Enrolment also mails a security notice to the profile address: look for the code mail itself.
        String code = Mails.awaitCode(mail, seen, recipient);
        codesSeen.add(code);
        return code;
    }

    private HtmlPage passwordStep(WebClient web, String username) {
        return MfaPages.passwordStep(web, realm, username, username + "-pw");
    }

    private static HtmlPage chooseToEnrol(WebClient web, HtmlPage chooser, String factor) {
        assertThat(MfaPages.isEnrolChooser(chooser)).as(chooser.text()).isTrue();
        return web.submit(chooser.form(MfaPages.ENROL_FORM).set("factor", factor));
    }

    private static HtmlPage enterTarget(WebClient web, HtmlPage page, String target) {
        return web.submit(page.form("#staff-mfa-target-form").set("target", target));
    }

    private static HtmlPage confirm(WebClient web, HtmlPage page, String code) {
        return web.submit(page.form("#staff-mfa-contact-code-form").set("code", code));
    }

    /** A required (systems) user with a confirmed phone number, enrolled through the pages. */
    private void smsUser(String username) {
        realm.admin().createUser(realm.name(), username, username + "-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage numberPage = chooseToEnrol(web, passwordStep(web, username), "sms");
        int before = gateway.count();
        HtmlPage codePage = enterTarget(web, numberPage, "0151 " + (10000000 + Math.abs(username.hashCode() % 9000000)));
        assertThat(MfaPages.postponeRecoveryCodes(web, confirm(web, codePage, smsCode(before))).redirectOutsideKeycloak())
            .isPresent();
    }

    @Test
    void emailEnrolmentConfirmsTheTypedAddressAndLoginsUseIt() throws Exception {
        realm.admin().createUser(realm.name(), "emma", "emma-pw", null, "/staff/circulation");
        WebClient web = new WebClient(realm.server());

        HtmlPage addressPage = chooseToEnrol(web, passwordStep(web, "emma"), "email");
        assertThat(addressPage.document().selectFirst("#target").attr("value"))
            .as("not prefilled from the profile").isEmpty();
        HtmlPage refused = enterTarget(web, addressPage, "not an address");
        assertThat(MfaPages.fieldError(refused, "target")).isEqualTo("Please enter a valid email address.");

        Set<String> mails = Mails.seen(mail);
        HtmlPage codePage = enterTarget(web, refused, "emma.private@example.org");
        String code = mailCode("emma.private@example.org", mails);
        assertThat(codePage.text("#staff-mfa-code-instruction")).contains("e…e@example.org");
        assertThat(codePage.body()).doesNotContain(code);
        HtmlPage wrong = confirm(web, codePage, "000000".equals(code) ? "111111" : "000000");
        assertThat(MfaPages.fieldError(wrong, "code")).isEqualTo(INVALID_CODE);
        assertThat(MfaPages.postponeRecoveryCodes(web, confirm(web, wrong, code)).redirectOutsideKeycloak()).isPresent();
        assertThat(realm.admin().userCredentials(realm.name(), "emma"))
            .extracting(c -> c.path("type").asText()).contains("staff-mfa-email");

        WebClient next = new WebClient(realm.server());
        Set<String> before = Mails.seen(mail);
        HtmlPage loginCodePage = passwordStep(next, "emma");
        assertThat(loginCodePage.text("#staff-mfa-code-instruction")).isEqualTo(
            "We sent a code by email to e…e@example.org. Enter it here.");
        String loginCode = mailCode("emma.private@example.org", before);
        assertThat(loginCodePage.body()).doesNotContain(loginCode);
        assertThat(MfaPages.enterCode(next, loginCodePage, loginCode).redirectOutsideKeycloak()).isPresent();
        assertThat(realm.admin().userEvents(realm.name(), "emma", "LOGIN").get(0).path("details").path("mfa_factor")
            .asText()).isEqualTo("email");
    }

    @Test
    void smsEnrolmentNormalisesTheNumberAndLoginsTextTheCode() {
        realm.admin().createUser(realm.name(), "sven", "sven-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage numberPage = chooseToEnrol(web, passwordStep(web, "sven"), "sms");
        HtmlPage refused = enterTarget(web, numberPage, "+49 900 1234567");
        assertThat(MfaPages.fieldError(refused, "target")).as("premium rate").startsWith("Please enter a mobile phone number");

        int before = gateway.count();
        HtmlPage codePage = enterTarget(web, refused, "0151 2345 6789");
        SmsGateway.Received sms = gateway.next(before);
        assertThat(sms.method()).isEqualTo("POST");
        assertThat(sms.header("Content-Type")).isEqualTo("application/json");
        assertThat(sms.body()).startsWith("{\"to\":\"+4915123456789\",\"text\":\"");
        assertThat(codePage.text("#staff-mfa-code-instruction")).contains("+49…89");
        String code = sms.code();
        codesSeen.add(code);
        assertThat(MfaPages.postponeRecoveryCodes(web, confirm(web, codePage, code)).redirectOutsideKeycloak()).isPresent();

        WebClient next = new WebClient(realm.server());
        int beforeLogin = gateway.count();
        HtmlPage loginPage = passwordStep(next, "sven");
        assertThat(MfaPages.enterCode(next, loginPage, smsCode(beforeLogin)).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void aCodeWorksOnlyInTheLoginThatAskedForItAndOnlyOnce() {
        smsUser("bea");
        WebClient a = new WebClient(realm.server());
        WebClient b = new WebClient(realm.server());
        int before = gateway.count();
        HtmlPage pageA = passwordStep(a, "bea");
        String codeA = smsCode(before);
        before = gateway.count();
        HtmlPage pageB = passwordStep(b, "bea");
        String codeB = smsCode(before);

        pageB = MfaPages.enterCode(b, pageB, codeA);
        assertThat(MfaPages.fieldError(pageB, "code")).as("A's code in B").isEqualTo(INVALID_CODE);
        assertThat(MfaPages.enterCode(a, pageA, codeA).redirectOutsideKeycloak()).isPresent();

        WebClient c = new WebClient(realm.server());
        before = gateway.count();
        HtmlPage pageC = passwordStep(c, "bea");
        smsCode(before);
        assertThat(MfaPages.fieldError(MfaPages.enterCode(c, pageC, codeA), "code")).as("reused").isEqualTo(INVALID_CODE);
        assertThat(MfaPages.enterCode(b, pageB, codeB).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void resendSendsTheSameCodeWithinItsLimits() {
        smsUser("rolf");
        WebClient web = new WebClient(realm.server());
        int before = gateway.count();
        HtmlPage page = passwordStep(web, "rolf");
        String code = smsCode(before);

        page = web.submit(page.form("#staff-mfa-code-actions").press("resend"));
        assertThat(MfaPages.alert(page)).isEqualTo("Please wait a little before asking for the code again.");
        assertThat(gateway.count()).isEqualTo(before + 1);

        for (int resend = 1; resend <= 3; resend++) {
            try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofSeconds(31L * resend))) {
                int count = gateway.count();
                page = web.submit(page.form("#staff-mfa-code-actions").press("resend"));
                assertThat(MfaPages.alert(page)).isEqualTo("The code has been sent again.");
                assertThat(gateway.next(count).code()).as("clock %s", clock.offset()).isEqualTo(code);
            }
        }
        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofSeconds(31L * 4))) {
            HtmlPage limit = web.submit(page.form("#staff-mfa-code-actions").press("resend"));
            assertThat(MfaPages.alert(limit)).startsWith("The code cannot be sent again in this login.");
            assertThat(MfaPages.enterCode(web, limit, code).redirectOutsideKeycloak()).isPresent();
        }
    }

    @Test
    void anExpiredCodeIsRefusedAndANewOneReplacesIt() {
        smsUser("ezra");
        WebClient web = new WebClient(realm.server());
        int before = gateway.count();
        HtmlPage page = passwordStep(web, "ezra");
        String oldCode = smsCode(before);

        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofMinutes(16))) {
            HtmlPage expired = MfaPages.enterCode(web, page, oldCode);
            assertThat(MfaPages.fieldError(expired, "code")).isEqualTo("This code has expired. Please have a new code sent.");

            int count = gateway.count();
            HtmlPage fresh = web.submit(expired.form("#staff-mfa-code-actions").press("resend"));
            String newCode = smsCode(count);
            assertThat(newCode).isNotEqualTo(oldCode);
            HtmlPage oldAgain = MfaPages.enterCode(web, fresh, oldCode);
            assertThat(MfaPages.fieldError(oldAgain, "code")).as("clock %s", clock.offset()).isEqualTo(INVALID_CODE);
            assertThat(MfaPages.enterCode(web, oldAgain, newCode).redirectOutsideKeycloak()).isPresent();
        }
    }

    @Test
    void fiveWrongCodesVoidTheCodeAndEveryOneCountsInBruteForceProtection() {
        smsUser("vito");
        WebClient web = new WebClient(realm.server());
        int before = gateway.count();
        HtmlPage page = passwordStep(web, "vito");
        String code = smsCode(before);
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= 4; attempt++) {
            page = MfaPages.enterCode(web, page, wrong);
            assertThat(MfaPages.fieldError(page, "code")).isEqualTo(INVALID_CODE);
            // One at a time: Keycloak 26.4 can lose an increment when two of its counting jobs overlap.
            assertThat(realm.admin().awaitFailures(realm.name(), "vito", attempt)).isEqualTo(attempt);
        }
        page = MfaPages.enterCode(web, page, wrong);
        assertThat(MfaPages.fieldError(page, "code")).startsWith("This code can no longer be used");
        assertThat(realm.admin().awaitFailures(realm.name(), "vito", 5)).isEqualTo(5);
        HtmlPage sixth = MfaPages.enterCode(web, page, code);
        assertThat(sixth.redirectOutsideKeycloak()).as("the right code after voiding").isEmpty();
        assertThat(realm.admin().awaitFailures(realm.name(), "vito", 6)).isEqualTo(6);
        // Resending the void code is not possible; a new code is sent instead, and works.
        int count = gateway.count();
        HtmlPage fresh = web.submit(sixth.form("#staff-mfa-code-actions").press("resend"));
        String newCode = smsCode(count);
        assertThat(newCode).isNotEqualTo(code);
        assertThat(MfaPages.enterCode(web, fresh, newCode).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void aGatewayFailureSaysSoAndAnotherFactorStillWorks() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithCredentials(realm.name(), "gabi", "gabi-pw", List.of(secret),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915187654321")), "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage appPage = passwordStep(web, "gabi");
        assertThat(appPage.has("#staff-mfa-use-sms")).isTrue();

        gateway.answerWith(503);
        HtmlPage failed;
        try {
            failed = web.submit(appPage.form(MfaPages.OTHER_FACTORS_FORM).set("factor", "sms"));
        } finally {
            gateway.answerWith(200);
        }
        assertThat(failed.status()).isEqualTo(200);
        assertThat(MfaPages.alert(failed)).isEqualTo("We could not send the code right now. Try again later or use another factor.");
        JsonNode event = realm.admin().userEvents(realm.name(), "gabi", "LOGIN_ERROR").get(0);
        assertThat(event.path("error").asText()).isEqualTo("mfa_code_not_sent");
        assertThat(event.path("details").path("reason").asText()).isEqualTo("sms-gateway-failed");

        HtmlPage backToApp = web.submit(failed.form(MfaPages.OTHER_FACTORS_FORM).set("factor", "totp"));
        assertThat(MfaPages.enterCode(web, backToApp, TotpGenerator.googleAuthenticator(secret).now())
            .redirectOutsideKeycloak()).isPresent();
    }

    @AfterAll
    static void noCodeReachedTheServerLog() throws Exception {
        assumeTrue(realm.server().logFile().isPresent(), "server log only readable when the harness started Keycloak");
        String log = Files.readString(realm.server().logFile().get(), StandardCharsets.UTF_8);
        assertThat(codesSeen).isNotEmpty();
        for (String code : codesSeen) {
            assertThat(log).as("code in the server log").doesNotContain(code);
        }
    }
}
