package org.staffmfa.keycloak.it.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.CodeSettingsFixture;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.SmsGateway;
import org.staffmfa.keycloak.it.support.TestSettings;
import org.staffmfa.keycloak.it.support.WebClient;

/** The built-in SMS senders, chosen and configured per realm, and the hourly cap on messages. */
@RealKeycloakTest
class SmsSendersIT {

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final SmsGateway gateway = new SmsGateway();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> Mails.sendTo(json, mail));

    /** Changes the realm's SMS code settings through the MFA admin API (names as stored, e.g. "twilio.from"). */
    private void smsSettings(Map<String, String> settings) {
        CodeSettingsFixture.change(realm.admin(), realm.name(), "sms", settings);
    }

    /** A required user at the SMS number page of the enrolment; returns the page after typing the number. */
    private HtmlPage enrolSms(String username, String number) {
        realm.admin().createUser(realm.name(), username, username + "-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, username, username + "-pw");
        HtmlPage numberPage = web.submit(chooser.form(MfaPages.ENROL_FORM).set("factor", "sms"));
        return web.submit(numberPage.form("#staff-mfa-target-form").set("target", number));
    }

    @Test
    void twilioGetsAFormPostWithBasicAuthFromTheVault() throws Exception {
        assumeTrue(realm.server().logFile().isPresent(), "the vault is the harness-started server's");
        Files.writeString(TestSettings.vaultDir().resolve(realm.name() + "_twilio-token"), "test-auth-token");
        Map<String, String> attributes = new HashMap<>();
        attributes.put("sender", "twilio");
        attributes.put("twilio.base-url", gateway.baseUrl() + "/twilio");
        attributes.put("twilio.account-sid", "AC123");
        attributes.put("twilio.auth-token", "${vault.twilio-token}");
        attributes.put("twilio.from", "+15005550006");
        smsSettings(attributes);

        int before = gateway.count();
        HtmlPage codePage = enrolSms("tina", "+49 151 11112222");
        SmsGateway.Received request = gateway.next(before);

        assertThat(codePage.has("#staff-mfa-contact-code-form")).as(codePage.text()).isTrue();
        assertThat(request.path()).isEqualTo("/twilio/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
            + Base64.getEncoder().encodeToString("AC123:test-auth-token".getBytes(StandardCharsets.UTF_8)));
        String form = URLDecoder.decode(request.body(), StandardCharsets.UTF_8);
        assertThat(form).startsWith("To=+4915111112222&From=+15005550006&Body=").contains(request.code());
    }

    @Test
    void theEmailGatewayMailsTheNationalNumberAtTheCarrierDomain() throws Exception {
        smsSettings(Map.of("sender", "email-gateway", "email-gateway.domain", "sms.example"));
        Set<String> before = Mails.seen(mail);

        HtmlPage codePage = enrolSms("emil", "+49 151 33334444");

        assertThat(codePage.has("#staff-mfa-contact-code-form")).as(codePage.text()).isTrue();
        MimeMessage message = Mails.awaitMail(mail, before, "15133334444@sms.example", "");
        assertThat(Mails.plainText(message)).containsPattern("^[0-9]{6} is your ");
    }

    @Test
    void theLogSenderNamesTheNumberButNeverTheText() throws Exception {
        assumeTrue(realm.server().logFile().isPresent(), "server log only readable when the harness started Keycloak");
        smsSettings(Map.of("sender", "log"));

        HtmlPage codePage = enrolSms("lotte", "+49 151 55556666");

        assertThat(codePage.has("#staff-mfa-contact-code-form")).as(codePage.text()).isTrue();
        String log = Files.readString(realm.server().logFile().get(), StandardCharsets.UTF_8);
        assertThat(log).contains("An SMS would be sent to +49…66 (text not logged: it contains a one-time code)");
        assertThat(log).doesNotContain("is your " + realm.name()).doesNotContain("+4915155556666");
    }

    @Test
    void theHourlyCapStopsMoreMessages() {
        smsSettings(Map.of("sender", "http", "http.url", gateway.baseUrl() + "/sms", "max-messages-per-hour", "2"));
        WebClient web = new WebClient(realm.server());
        realm.admin().createUser(realm.name(), "capo", "capo-pw", null, "/staff/systems");
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "capo", "capo-pw");
        HtmlPage page = web.submit(chooser.form(MfaPages.ENROL_FORM).set("factor", "sms"));
        int before = gateway.count();

        for (String number : new String[] {"+49 151 70000001", "+49 151 70000002"}) {
            page = web.submit(page.form("#staff-mfa-target-form").set("target", number));
            assertThat(page.has("#staff-mfa-contact-code-form")).isTrue();
            page = web.submit(page.form("#staff-mfa-contact-actions").press("change"));
        }
        page = web.submit(page.form("#staff-mfa-target-form").set("target", "+49 151 70000003"));

        assertThat(MfaPages.alert(page)).isEqualTo("Too many codes were sent to you in the last hour. Please try again later or use another factor.");
        assertThat(gateway.count()).isEqualTo(before + 2);
    }
}
