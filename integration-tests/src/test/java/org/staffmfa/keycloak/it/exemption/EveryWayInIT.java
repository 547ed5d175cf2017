package org.staffmfa.keycloak.it.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient.TokenResponse;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/** The password grant, "forgot password", app-initiated actions and restarts all enforce the policy. */
@RealKeycloakTest
class EveryWayInIT {

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> {
        Mails.sendTo(json, mail);
        // A wrong code and a replay follow each other within a second: no quick-login lockout between them.
        json.put("quickLoginCheckMilliSeconds", 0);
    });

    private TotpGenerator systemsUser(String username) {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), username, username + "-pw", secret, "/staff/systems");
        return TotpGenerator.googleAuthenticator(secret);
    }

    // --- password grant -------------------------------------------------------------------------------------------

    @Test
    void thePasswordGrantNeedsTheCodeOfARequiredUser() {
        TotpGenerator app = systemsUser("pete");
        OidcClient cli = OidcClient.staffCli(realm);

        TokenResponse missing = cli.passwordGrant("pete", "pete-pw");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("invalid_grant");
        assertThat(missing.errorDescription()).contains("Second factor required").contains("'otp'");

        TokenResponse wrong = cli.passwordGrant("pete", "pete-pw", Map.of("otp", "000000"));
        assertThat(wrong.error()).isEqualTo("invalid_grant");
        assertThat(wrong.errorDescription()).isEqualTo("Invalid or already used one-time code");
        assertThat(realm.admin().awaitFailures(realm.name(), "pete", 1)).isEqualTo(1);

        // Both codes from one instant: a 30-s step boundary between them cannot push the second out of the window.
        Instant now = Instant.now();
        String code = app.codeAt(now);
        String next = app.codeAt(now.plusSeconds(30));
        TokenResponse right = cli.passwordGrant("pete", "pete-pw", Map.of("otp", code));
        assertThat(right.ok()).as(right.json().toString()).isTrue();
        assertThat(realm.admin().userEvents(realm.name(), "pete", "LOGIN").get(0).path("details").path("mfa_factor").asText())
            .isEqualTo("totp");

        assertThat(cli.passwordGrant("pete", "pete-pw", Map.of("otp", code)).errorDescription())
            .as("replay").isEqualTo("Invalid or already used one-time code");
        assertThat(cli.passwordGrant("pete", "pete-pw", Map.of("totp", next)).ok())
            .as("the 'totp' parameter works too").isTrue();
    }

    @Test
    void aRequiredUserWhoseEnrolmentIsPendingGetsNoTokenExceptFromAnExemptClient() {
        realm.admin().createUser(realm.name(), "quinn", "quinn-pw", null, "/staff/systems");

        TokenResponse refused = OidcClient.staffCli(realm).passwordGrant("quinn", "quinn-pw", Map.of("otp", "123456"));
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorDescription()).contains("none is set up");

        assertThat(OidcClient.sip2Gateway(realm).passwordGrant("quinn", "quinn-pw").ok()).isTrue();
    }

    @Test
    void usersWhoNeedNoFactorUseThePasswordAlone() {
        realm.admin().createUser(realm.name(), "ria", "ria-pw", null, "/staff/circulation");
        realm.admin().createUser(realm.name(), "olli", "olli-pw", null);

        assertThat(OidcClient.staffCli(realm).passwordGrant("ria", "ria-pw").ok()).as("allowed, no factor").isTrue();
        assertThat(OidcClient.staffCli(realm).passwordGrant("olli", "olli-pw").ok()).as("mode off").isTrue();
    }

    @Test
    void aUserExemptionForTheScriptClientWorksWithThePasswordAlone() {
        systemsUser("uwe");
        String userId = realm.admin().user(realm.name(), "uwe").get("id").asText();
        realm.admin().post(realm.adminPath() + "/staff-mfa/users/" + userId + "/exemptions",
            Map.of("clients", java.util.List.of("staff-cli"), "reason", "Nightly report script"));

        assertThat(OidcClient.staffCli(realm).passwordGrant("uwe", "uwe-pw").ok()).isTrue();
    }

    @Test
    void clientCredentialsAreNoUserLoginAndAreUnaffected() {
        ObjectNode client = AdminClient.json()
            .put("clientId", "reports-bot")
            .put("enabled", true)
            .put("publicClient", false)
            .put("secret", "reports-secret")
            .put("serviceAccountsEnabled", true)
            .put("standardFlowEnabled", false);
        realm.admin().createClient(realm.name(), client);

        TokenResponse tokens = new OidcClient(realm.url(), "reports-bot", "reports-secret").clientCredentials();

        assertThat(tokens.ok()).as(tokens.json().toString()).isTrue();
    }

    // --- browser ways in ------------------------------------------------------------------------------------------

    @Test
    void forgotPasswordDoesNotLogARequiredUserInWithoutTheFactor() throws Exception {
        TotpGenerator app = systemsUser("rosa");
        WebClient web = new WebClient(realm.server());
        HtmlPage login = web.get(OidcClient.evergreenStaff(realm).authorizationUrl(MfaPages.EVERGREEN_REDIRECT));
        HtmlPage forgot = web.get(login.document().selectFirst("a[href*=reset-credentials]").absUrl("href"));
        web.submit(forgot.form("#kc-reset-password-form").set("username", "rosa"));

        String link = resetLink("rosa@library.example");
        // The mail proves control of the address, not of the second factor: the factor comes before the new password.
        HtmlPage codePage = web.get(link.replace("&amp;", "&"));
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        assertThat(codePage.has("#kc-passwd-update-form")).isFalse();

        HtmlPage newPassword = MfaPages.enterCode(web, codePage, app.now());
        HtmlPage loggedIn = web.submit(newPassword.form("#kc-passwd-update-form")
            .set("password-new", "rosa-new-pw").set("password-confirm", "rosa-new-pw"));
        assertThat(loggedIn.redirectOutsideKeycloak()).as(loggedIn.text()).isPresent();
    }

    @Test
    void aResetFlowWithoutTheGateIsRefusedByTheSafetyNet() throws Exception {
        systemsUser("sara");
        realm.admin().put(realm.adminPath(), Map.of("resetCredentialsFlow", "reset credentials"));
        try {
            WebClient web = new WebClient(realm.server());
            HtmlPage login = web.get(OidcClient.evergreenStaff(realm).authorizationUrl(MfaPages.EVERGREEN_REDIRECT));
            HtmlPage forgot = web.get(login.document().selectFirst("a[href*=reset-credentials]").absUrl("href"));
            web.submit(forgot.form("#kc-reset-password-form").set("username", "sara"));

            HtmlPage page = web.get(resetLink("sara@library.example").replace("&amp;", "&"));
            for (int step = 0; step < 5 && page.has("form") && page.status() == 200; step++) {
                // Keycloak's stock flow asks for a new password and app first; whatever it asks, the login must end refused.
                if (page.has("#kc-passwd-update-form")) {
                    page = web.submit(page.form("#kc-passwd-update-form")
                        .set("password-new", "sara-new-pw").set("password-confirm", "sara-new-pw"));
                } else {
                    break;
                }
            }
            assertThat(page.redirectOutsideKeycloak()).as(page.text()).isEmpty();
            assertThat(page.status()).as(page.text()).isEqualTo(403);
            assertThat(page.text()).contains("Your account needs a second factor");
        } finally {
            realm.admin().put(realm.adminPath(), Map.of("resetCredentialsFlow", "staff reset credentials"));
        }
    }

    @Test
    void anAppInitiatedActionDoesNotSkipForcedEnrolment() {
        realm.admin().createUser(realm.name(), "vera", "vera-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());

        HtmlPage login = web.get(OidcClient.evergreenStaff(realm).authorizationUrl(MfaPages.EVERGREEN_REDIRECT)
            + "&kc_action=UPDATE_PASSWORD");
        HtmlPage chooser = MfaPages.login(web, login, "vera", "vera-pw");

        assertThat(MfaPages.isEnrolChooser(chooser)).as(chooser.text()).isTrue();
        HtmlPage first = MfaPages.totpSetup(web, chooser);
        HtmlPage next = MfaPages.postponeRecoveryCodes(web,
            MfaPages.confirmTotp(web, first, TotpGenerator.googleAuthenticator(MfaPages.totpSecret(first)).now(), ""));
        assertThat(next.redirectOutsideKeycloak()).as("the app-initiated action comes after enrolment").isEmpty();
        assertThat(next.has("#kc-passwd-update-form")).as(next.text()).isTrue();
    }

    /**
     * Keycloak ignores, for the whole login, a required action that is asked for by {@code kc_action} but does not
     * support being asked for; the enrolment action must still run (and cannot be cancelled: it is enforced).
     */
    @Test
    void askingForTheEnrolmentActionItselfDoesNotSkipForcedEnrolment() {
        realm.admin().createUser(realm.name(), "viola", "viola-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());

        HtmlPage login = web.get(OidcClient.evergreenStaff(realm).authorizationUrl(MfaPages.EVERGREEN_REDIRECT)
            + "&kc_action=staff-mfa-enrol");
        HtmlPage afterPassword = MfaPages.login(web, login, "viola", "viola-pw");

        assertThat(afterPassword.redirectOutsideKeycloak()).as("a password alone must not get in").isEmpty();
        assertThat(MfaPages.isEnrolChooser(afterPassword)).as(afterPassword.text()).isTrue();
        assertThat(afterPassword.has("#staff-mfa-skip")).isFalse();
        HtmlPage cancelled = web.submit(afterPassword.form(MfaPages.ENROL_FORM).set("cancel-aia", "true"));
        assertThat(cancelled.redirectOutsideKeycloak()).as("cancelling an enforced action").isEmpty();
    }

    @Test
    void restartingTheLoginDoesNotSkipForcedEnrolment() {
        realm.admin().createUser(realm.name(), "wim", "wim-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "wim", "wim-pw");
        String tabId = OidcClient.queryParameter(chooser.form(MfaPages.ENROL_FORM).action(), "tab_id").orElseThrow();

        HtmlPage restarted = web.get(realm.url() + "/login-actions/restart?client_id=evergreen-staff&tab_id=" + tabId);
        assertThat(restarted.redirectOutsideKeycloak()).isEmpty();
        assertThat(restarted.has(MfaPages.LOGIN_FORM)).as(restarted.text()).isTrue();

        HtmlPage again = MfaPages.login(web, restarted, "wim", "wim-pw");
        assertThat(MfaPages.isEnrolChooser(again)).isTrue();
    }

    /** The link of the newest reset mail to the recipient, waiting for it to arrive. */
    private String resetLink(String recipient) throws Exception {
        for (int attempt = 0; attempt < 30; attempt++) {
            MimeMessage[] received = mail.getReceivedMessages();
            for (int i = received.length - 1; i >= 0; i--) {
                if (received[i].getAllRecipients()[0].toString().equals(recipient)) {
                    return Mails.link(Mails.plainText(received[i]), "action-token")
                        .orElseThrow(() -> new AssertionError("No link in the reset mail"));
                }
            }
            mail.waitForIncomingEmail(1_000, received.length + 1);
        }
        throw new AssertionError("No reset mail for " + recipient);
    }
}
