package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.AtOnce;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, items 8 and 9: answers sent in parallel get no more guesses than answers sent one after the
 * other. An email code takes at most {@code max-attempts} (5) wrong entries however many arrive at once; twenty
 * parallel wrong app codes or recovery codes are all refused and end in Keycloak's lockout; concurrent valid HOTP codes
 * never move the token's counter backwards.
 */
@RealKeycloakTest
class ParallelGuessingIT {

    private static final int PARALLEL = 20;

    @RegisterExtension
    @Order(1)
    static final GreenMailExtension mail = Mails.smtpServer();

    /** Brute-force protection on, as in the demo, without the quick-login rule so that counts are exact. */
    @RegisterExtension
    @Order(2)
    static final DemoRealm realm = new DemoRealm(json -> {
        Mails.sendTo(json, mail);
        json.put("quickLoginCheckMilliSeconds", 0);
    });

    /** Keycloak's brute-force protection off: the extension's own limits are all that stand. */
    @RegisterExtension
    @Order(3)
    static final DemoRealm unprotected = new DemoRealm(json -> {
        Mails.sendTo(json, mail);
        json.put("bruteForceProtected", false);
        json.put("otpPolicyType", "hotp");
        json.put("otpPolicyLookAheadWindow", 10);
    });

    /** Submits all answers at the same instant from one browser (one login attempt) and returns the pages. */
    private static List<HtmlPage> atOnce(List<String> answers, Function<String, HtmlPage> submit) throws Exception {
        return AtOnce.run(answers.stream().<Supplier<HtmlPage>>map(answer -> () -> submit.apply(answer)).toList());
    }

    private static List<String> wrongCodes(String right) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; codes.size() < PARALLEL; i++) {
            String code = String.format("%06d", 100000 + i * 37);
            if (!code.equals(right)) {
                codes.add(code);
            }
        }
        return codes;
    }

    private static long count(List<HtmlPage> pages, String fieldError) {
        return pages.stream().filter(page -> fieldError.equals(MfaPages.fieldError(page, "code"))).count();
    }

    @Test
    void twentyParallelWrongEmailCodesGetNoMoreThanFiveGuesses() throws Exception {
        unprotected.admin().createUserWithCredentials(unprotected.name(), "edda", "edda-pw", List.of(),
            List.of(AdminClient.contactCredential("staff-mfa-email", "address", "edda@library.example")), "/staff/systems");
        WebClient web = new WebClient(unprotected.server());
        Set<String> seen = Mails.seen(mail);
        HtmlPage codePage = MfaPages.passwordStep(web, unprotected, "edda", "edda-pw");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        String right = Mails.awaitCode(mail, seen, "edda@library.example");

        List<HtmlPage> pages = atOnce(wrongCodes(right), code -> MfaPages.enterCode(web, codePage, code));

        assertThat(count(pages, MfaPages.WRONG_CODE)).as("answers judged 'wrong' (each a real guess)").isLessThanOrEqualTo(4);
        assertNoServerError(pages);
        HtmlPage last = MfaPages.enterCode(web, MfaPages.reload(web, codePage), right);
        if (count(pages, MfaPages.VOID_CODE) > 0) {
            assertThat(MfaPages.fieldError(last, "code")).as("the code is void after five wrong entries").isEqualTo(MfaPages.VOID_CODE);
        } else {
            assertThat(last.redirectOutsideKeycloak()).as("fewer than five were judged: the code still works").isPresent();
        }
    }

    @Test
    void twentyParallelWrongAppCodesEndInOneLockout() throws Exception {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "pia", "pia-pw", secret, "/staff/systems");
        TotpGenerator app = TotpGenerator.googleAuthenticator(secret);
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "pia", "pia-pw");

        List<HtmlPage> pages = atOnce(wrongCodes(app.now()), code -> MfaPages.enterCode(web, codePage, code));

        assertThat(pages).allSatisfy(page -> assertThat(page.redirectOutsideKeycloak()).isEmpty());
        assertNoServerError(pages);
        assertThat(realm.admin().awaitFailures(realm.name(), "pia", 5))
            .as("failures counted: no more than the five that lock the account").isLessThanOrEqualTo(5);
        assertBlockedOrCounted("pia");
    }

    @Test
    void twentyParallelWrongRecoveryCodesEndInOneLockout() throws Exception {
        realm.admin().createUser(realm.name(), "rune", "rune-pw", null, "/staff/systems");
        WebClient enrol = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(enrol, MfaPages.passwordStep(enrol, realm, "rune", "rune-pw"));
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));
        HtmlPage offer = MfaPages.confirmTotp(enrol, setup, app.now(), "Phone");
        List<String> codes = MfaPages.recoveryCodes(offer);
        assertThat(MfaPages.saveRecoveryCodes(enrol, offer).redirectOutsideKeycloak()).isPresent();
        WebClient web = new WebClient(realm.server());
        HtmlPage appPage = MfaPages.passwordStep(web, realm, "rune", "rune-pw");
        HtmlPage codePage = web.submit(appPage.form(MfaPages.OTHER_FACTORS_FORM).set("factor", "recovery-codes"));
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            wrong.add("WRNG-" + String.format("%04d", i) + "-CODE");
        }

        List<HtmlPage> pages = atOnce(wrong, code -> MfaPages.enterCode(web, codePage, code));

        assertThat(pages).allSatisfy(page -> assertThat(page.redirectOutsideKeycloak()).isEmpty());
        assertNoServerError(pages);
        assertThat(realm.admin().awaitFailures(realm.name(), "rune", 5)).isLessThanOrEqualTo(5);
        assertBlockedOrCounted("rune");
        assertThat(codes).hasSize(12);
    }

    /**
     * Every parallel answer gets a page, never HTTP 500. The losers of the race are sent back to the form with
     * Keycloak's "expired action" note, which a parallel request can remove while Keycloak builds the form; our pages
     * must render anyway (seen in CI on the email code page and locally on the recovery code page).
     */
    private static void assertNoServerError(List<HtmlPage> pages) {
        assertThat(pages).allSatisfy(page -> assertThat(page.status()).as("%s", page.url()).isLessThan(500));
    }

    /** Whatever was judged was counted: either the account is locked now, or fewer than five guesses were judged. */
    private static void assertBlockedOrCounted(String username) {
        JsonNode status = realm.admin().bruteForceStatus(realm.name(), username);
        if (status.path("numFailures").asInt() >= 5) {
            assertThat(status.path("disabled").asBoolean()).as(status.toString()).isTrue();
        }
    }

    @Test
    void concurrentValidHotpCodesNeverMoveTheCounterBackwards() throws Exception {
        String secret = TotpGenerator.randomBase32Secret();
        String userId = unprotected.admin().createUser(unprotected.name(), "hugo", "hugo-pw", null, "/staff/systems");
        JsonNode user = unprotected.admin().get(unprotected.adminPath() + "/users/" + userId);
        com.fasterxml.jackson.databind.node.ObjectNode withToken = user.deepCopy();
        withToken.putArray("credentials").addObject()
            .put("type", "otp")
            .put("userLabel", "Token")
            .put("secretData", "{\"value\":\"" + secret + "\"}")
            .put("credentialData", "{\"subType\":\"hotp\",\"digits\":6,\"counter\":0,\"period\":0,"
                + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
        assertThat(unprotected.admin().put(unprotected.adminPath() + "/users/" + userId, withToken).statusCode()).isEqualTo(204);
        TotpGenerator token = TotpGenerator.googleAuthenticator(secret);
        List<Long> accepted = new ArrayList<>();

        for (int round = 0; round < 8; round++) {
            long counter = storedCounter(userId);
            long low = counter;
            long high = counter + 1 + (round % 3);
            WebClient first = new WebClient(unprotected.server());
            WebClient second = new WebClient(unprotected.server());
            HtmlPage firstPage = MfaPages.passwordStep(first, unprotected, "hugo", "hugo-pw");
            HtmlPage secondPage = MfaPages.passwordStep(second, unprotected, "hugo", "hugo-pw");

            List<HtmlPage> pages = atOnce(List.of("low", "high"), which -> which.equals("low")
                ? MfaPages.enterCode(first, firstPage, token.hotp(low))
                : MfaPages.enterCode(second, secondPage, token.hotp(high)));

            if (pages.get(0).redirectOutsideKeycloak().isPresent()) {
                accepted.add(low);
            }
            if (pages.get(1).redirectOutsideKeycloak().isPresent()) {
                accepted.add(high);
            }
            long highestUsed = accepted.stream().mapToLong(Long::longValue).max().orElse(-1);
            assertThat(storedCounter(userId)).as("round %d: stored counter after using up to %d", round, highestUsed)
                .isGreaterThan(highestUsed);
        }
        assertThat(accepted).isNotEmpty();
        for (long used : accepted) {
            WebClient replay = new WebClient(unprotected.server());
            HtmlPage page = MfaPages.enterCode(replay, MfaPages.passwordStep(replay, unprotected, "hugo", "hugo-pw"),
                token.hotp(used));
            assertThat(page.redirectOutsideKeycloak()).as("counter %d replayed", used).isEmpty();
        }
    }

    private static long storedCounter(String userId) throws Exception {
        for (JsonNode credential : unprotected.admin().get(unprotected.adminPath() + "/users/" + userId + "/credentials")) {
            if (credential.path("type").asText().equals("otp")) {
                return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(credential.path("credentialData").asText()).path("counter").asLong();
            }
        }
        throw new AssertionError("no otp credential");
    }

}
