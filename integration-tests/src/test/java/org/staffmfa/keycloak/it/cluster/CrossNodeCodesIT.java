package org.staffmfa.keycloak.it.cluster;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.CodeSettingsFixture;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.AtOnce;
import org.staffmfa.keycloak.it.support.ClusterTest;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Codes across nodes: every code is single-use and bound to its login attempt in the whole cluster, not per node,
 * and wrong answers count once, whichever node receives them.
 */
@ClusterTest
class CrossNodeCodesIT {

    private static final String INVALID_RECOVERY_CODE = "Invalid recovery code. Please enter the code with the number shown.";

    @RegisterExtension
    @Order(1)
    static final GreenMailExtension mail = Mails.smtpServer();

    /**
     * The demo realm with mail, codes that may be sent again at once, and a lockout far above an email code's five
     * attempts, so that both counts can be read separately.
     */
    @RegisterExtension
    @Order(2)
    static final DemoRealm realm = new DemoRealm(json -> {
        Mails.sendTo(json, mail);
        json.put("failureFactor", 30);
        json.put("quickLoginCheckMilliSeconds", 0);
        CodeSettingsFixture.inRealmFile(json, "email", Map.of("resend-interval", "PT0S"));
    });

    private static WebClient browserOn(String node) {
        return new WebClient(realm.server()).onNode(node);
    }

    @Test
    void anAppCodeAcceptedOnAIsRefusedOnB() {
        TotpGenerator app = realm.systemsUserWithApp("tara");
        String code = app.now();

        WebClient a = browserOn("a");
        HtmlPage onA = MfaPages.enterCode(a, MfaPages.passwordStep(a, realm, "tara", "tara-pw"), code);
        assertThat(onA.redirectOutsideKeycloak()).as("first use, on A").isPresent();

        WebClient b = browserOn("b");
        HtmlPage codePage = MfaPages.passwordStep(b, realm, "tara", "tara-pw");
        HtmlPage onB = MfaPages.enterCode(b, codePage, code);
        assertThat(onB.servedBy()).contains("b");
        assertThat(onB.redirectOutsideKeycloak()).as("the same code again, on B").isEmpty();
        assertThat(MfaPages.fieldError(onB, "code")).isEqualTo(MfaPages.WRONG_CODE);
    }

    @Test
    void oneAppCodeSentToBothNodesAtTheSameInstantLogsInOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String username = "tom" + round;
            TotpGenerator app = realm.systemsUserWithApp(username);
            WebClient a = browserOn("a");
            WebClient b = browserOn("b");
            HtmlPage pageA = MfaPages.passwordStep(a, realm, username, username + "-pw");
            HtmlPage pageB = MfaPages.passwordStep(b, realm, username, username + "-pw");
            String code = app.now();

            List<HtmlPage> pages = AtOnce.run(List.of(
                () -> MfaPages.enterCode(a, pageA, code),
                () -> MfaPages.enterCode(b, pageB, code)));

            assertThat(pages).allSatisfy(page -> assertThat(page.status()).isLessThan(500));
            assertThat(pages.stream().filter(page -> page.redirectOutsideKeycloak().isPresent()).count())
                .as("round %d: one code, two nodes, one login", round).isEqualTo(1);
        }
    }

    @Test
    void aRecoveryCodeUsedOnBIsRefusedOnA() {
        realm.admin().createUser(realm.name(), "rita", "rita-pw", null, "/staff/systems");
        WebClient enrol = browserOn("a");
        HtmlPage setup = MfaPages.totpSetup(enrol, MfaPages.passwordStep(enrol, realm, "rita", "rita-pw"));
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));
        HtmlPage offer = MfaPages.confirmTotp(enrol, setup, app.now(), "Phone");
        List<String> codes = MfaPages.recoveryCodes(offer);
        assertThat(MfaPages.saveRecoveryCodes(enrol, offer).redirectOutsideKeycloak()).isPresent();

        WebClient b = browserOn("b");
        HtmlPage first = recoveryLogin(b, "rita", codes.get(0));
        assertThat(first.text("#staff-mfa-recovery-codes-left")).as("first use, on B").isEqualTo("You have 11 recovery codes left.");
        assertThat(MfaPages.skipEnrolment(b, first).redirectOutsideKeycloak()).isPresent();

        HtmlPage again = recoveryLogin(browserOn("a"), "rita", codes.get(0));
        assertThat(again.redirectOutsideKeycloak()).as("the same recovery code again, on A").isEmpty();
        assertThat(MfaPages.fieldError(again, "code")).isEqualTo(INVALID_RECOVERY_CODE);
        HtmlPage next = recoveryLogin(browserOn("a"), "rita", codes.get(1));
        assertThat(next.text("#staff-mfa-recovery-codes-left")).as("the next one, on A").isEqualTo("You have 10 recovery codes left.");
    }

    private static HtmlPage recoveryLogin(WebClient web, String username, String code) {
        HtmlPage appPage = MfaPages.passwordStep(web, realm, username, username + "-pw");
        HtmlPage codePage = web.submit(appPage.form(MfaPages.OTHER_FACTORS_FORM).set("factor", "recovery-codes"));
        return MfaPages.enterCode(web, codePage, code);
    }

    private static void emailUser(String username) {
        realm.admin().createUserWithCredentials(realm.name(), username, username + "-pw", List.of(),
            List.of(AdminClient.contactCredential("staff-mfa-email", "address", username + "@library.example")),
            "/staff/systems");
    }

    @Test
    void anEmailCodeSentOnAVerifiesOnBForItsOwnLoginOnlyAndOnce() {
        emailUser("emil");
        String address = "emil@library.example";
        Set<String> seen = Mails.seen(mail);
        WebClient first = browserOn("a");
        HtmlPage firstPage = MfaPages.passwordStep(first, realm, "emil", "emil-pw");
        String firstCode = Mails.awaitCode(mail, seen, address);
        seen = Mails.seen(mail);
        WebClient second = browserOn("b");
        HtmlPage secondPage = MfaPages.passwordStep(second, realm, "emil", "emil-pw");
        String secondCode = Mails.awaitCode(mail, seen, address);
        assertThat(firstPage.servedBy()).containsOnly("a");
        assertThat(secondPage.servedBy()).containsOnly("b");

        HtmlPage wrongLogin = MfaPages.enterCode(second, secondPage, firstCode);
        assertThat(MfaPages.fieldError(wrongLogin, "code")).as("A's code in the login on B").isEqualTo(MfaPages.WRONG_CODE);

        first.onNode("b");
        assertThat(MfaPages.enterCode(first, firstPage, firstCode).redirectOutsideKeycloak())
            .as("A's code in its own login, sent to B").isPresent();

        second.onNode("a");
        HtmlPage secondDone = MfaPages.enterCode(second, MfaPages.reload(second, wrongLogin), secondCode);
        assertThat(secondDone.redirectOutsideKeycloak()).as("B's code in its own login, sent to A").isPresent();
        WebClient replay = browserOn("a");
        Set<String> before = Mails.seen(mail);
        HtmlPage third = MfaPages.passwordStep(replay, realm, "emil", "emil-pw");
        Mails.awaitCode(mail, before, address);
        assertThat(MfaPages.fieldError(MfaPages.enterCode(replay, third, firstCode), "code"))
            .as("a used code in a new login").isEqualTo(MfaPages.WRONG_CODE);
    }

    @Test
    void sendAgainOnBSendsTheCodeSentOnA() {
        emailUser("sven");
        String address = "sven@library.example";
        Set<String> seen = Mails.seen(mail);
        WebClient web = browserOn("a");
        HtmlPage page = MfaPages.passwordStep(web, realm, "sven", "sven-pw");
        String code = Mails.awaitCode(mail, seen, address);

        seen = Mails.seen(mail);
        web.onNode("b");
        HtmlPage resent = web.submit(page.form("#staff-mfa-code-actions").press("resend"));
        assertThat(resent.servedBy()).contains("b");
        assertThat(MfaPages.alert(resent)).isEqualTo("The code has been sent again.");
        assertThat(Mails.awaitCode(mail, seen, address)).as("the code B sent again").isEqualTo(code);
        assertThat(MfaPages.enterCode(web.onNode("a"), resent, code).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void wrongEmailCodesOnAAndBAddUpToOneLimitAndOneCount() {
        emailUser("wanda");
        Set<String> seen = Mails.seen(mail);
        WebClient web = browserOn("a");
        HtmlPage page = MfaPages.passwordStep(web, realm, "wanda", "wanda-pw");
        String right = Mails.awaitCode(mail, seen, "wanda@library.example");
        String wrong = right.equals("111111") ? "222222" : "111111";

        for (int attempt = 1; attempt <= 5; attempt++) {
            String node = attempt % 2 == 1 ? "a" : "b";
            page = MfaPages.enterCode(web.onNode(node), page, wrong);
            assertThat(page.servedBy()).as("attempt %d", attempt).contains(node);
            assertThat(MfaPages.fieldError(page, "code")).as("attempt %d on %s", attempt, node)
                .isEqualTo(attempt < 5 ? MfaPages.WRONG_CODE : MfaPages.VOID_CODE);
        }
        assertThat(realm.admin().awaitFailures(realm.name(), "wanda", 5))
            .as("brute-force count over both nodes").isEqualTo(5);
        HtmlPage late = MfaPages.enterCode(web.onNode("b"), page, right);
        assertThat(late.redirectOutsideKeycloak()).as("the right code after five wrong ones, on B").isEmpty();
        assertThat(MfaPages.fieldError(late, "code")).isEqualTo(MfaPages.VOID_CODE);
        assertThat(realm.admin().awaitFailures(realm.name(), "wanda", 6))
            .as("a void code entered counts as a failure too").isEqualTo(6);
    }
}
