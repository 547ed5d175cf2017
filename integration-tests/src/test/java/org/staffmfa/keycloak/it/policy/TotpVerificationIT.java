package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * A TOTP code is accepted once, only inside the look-around window (the demo realm's OTP policy: 1 step), and wrong
 * codes count in Keycloak's brute-force protection. Each test has its own user, so lockouts do not leak.
 */
@RealKeycloakTest
class TotpVerificationIT {

    static final String INVALID_CODE = "Invalid code. Please try again.";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    /** A required-mode user with an authenticator app; returns the app. */
    private TotpGenerator requiredUserWithApp(String username) {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), username, username + "-pw", secret, "/staff/systems");
        return TotpGenerator.googleAuthenticator(secret);
    }

    private HtmlPage codePage(WebClient web, String username) {
        HtmlPage codePage = MfaPages.passwordStep(web, realm, username, username + "-pw");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();
        return codePage;
    }

    private JsonNode latestLoginError(String username) {
        return realm.admin().userEvents(realm.name(), username, "LOGIN_ERROR").get(0);
    }

    @Test
    void aCodeIsAcceptedOnceAndItsReplayInAnotherLoginIsRejected() {
        TotpGenerator app = requiredUserWithApp("rita");
        String code = app.now();
        WebClient first = new WebClient(realm.server());
        WebClient second = new WebClient(realm.server());
        HtmlPage secondCodePage = codePage(second, "rita");

        assertThat(MfaPages.enterCode(first, codePage(first, "rita"), code).redirectOutsideKeycloak()).isPresent();
        HtmlPage replay = MfaPages.enterCode(second, secondCodePage, code);

        assertThat(replay.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.fieldError(replay, "code")).isEqualTo(INVALID_CODE);
        assertThat(latestLoginError("rita").path("details").path("mfa_failure").asText())
            .as("all login errors: %s", realm.admin().userEvents(realm.name(), "rita", "LOGIN_ERROR"))
            .isEqualTo("code-already-used");
        // The login is not lost: the next code still works.
        assertThat(MfaPages.enterCode(second, replay, app.stepsFromNow(1)).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void twoLoginsRacingWithTheSameCodeLetOnlyOneIn() throws Exception {
        TotpGenerator app = requiredUserWithApp("rudi");
        WebClient a = new WebClient(realm.server());
        WebClient b = new WebClient(realm.server());
        HtmlPage pageA = codePage(a, "rudi");
        HtmlPage pageB = codePage(b, "rudi");
        String code = app.now();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<HtmlPage>> attempts = List.of(
                () -> { start.await(); return MfaPages.enterCode(a, pageA, code); },
                () -> { start.await(); return MfaPages.enterCode(b, pageB, code); });
            List<Future<HtmlPage>> results = new ArrayList<>();
            attempts.forEach(attempt -> results.add(pool.submit(attempt)));
            start.countDown();
            long loggedIn = 0;
            for (Future<HtmlPage> result : results) {
                loggedIn += result.get(60, TimeUnit.SECONDS).redirectOutsideKeycloak().isPresent() ? 1 : 0;
            }
            assertThat(loggedIn).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} steps away")
    // +2 is not listed: a step boundary between computing and checking could bring it into the window.
    @ValueSource(ints = {-5, -2, 3, 5})
    void codesOutsideTheLookAroundWindowAreRejectedAndTheNextStepIsAccepted(int steps) {
        String username = "wanda" + (steps < 0 ? "m" : "p") + Math.abs(steps);
        TotpGenerator app = requiredUserWithApp(username);
        WebClient web = new WebClient(realm.server());

        HtmlPage outside = MfaPages.enterCode(web, codePage(web, username), app.stepsFromNow(steps));
        assertThat(MfaPages.fieldError(outside, "code")).isEqualTo(INVALID_CODE);
        assertThat(latestLoginError(username).path("details").path("mfa_failure").asText()).isEqualTo("wrong-code");

        // One step ahead is inside the window of 1, whichever side of a step boundary the server is on.
        assertThat(MfaPages.enterCode(web, outside, app.stepsFromNow(1)).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void bruteForceProtectionLocksTheUserAndThenEvenTheRightCodeFails() {
        TotpGenerator app = requiredUserWithApp("bruno");
        WebClient web = new WebClient(realm.server());
        HtmlPage page = codePage(web, "bruno");

        for (int attempt = 0; attempt < 5; attempt++) {
            page = MfaPages.enterCode(web, page, String.format("%06d", attempt));
            assertThat(MfaPages.fieldError(page, "code")).isEqualTo(INVALID_CODE);
        }
        JsonNode status = realm.admin().bruteForceStatus(realm.name(), "bruno");
        assertThat(status.path("disabled").asBoolean()).as(status.toString()).isTrue();

        HtmlPage locked = MfaPages.enterCode(web, page, app.now());
        assertThat(locked.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.fieldError(locked, "code")).isEqualTo(INVALID_CODE);
        assertThat(latestLoginError("bruno").path("error").asText()).isEqualTo("user_temporarily_disabled");
    }

    @Test
    void aUserWithSeveralAppsMayUseAnyOfThemWithoutChoosing() {
        String phone = TotpGenerator.randomBase32Secret();
        String tablet = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithApps(realm.name(), "dora", "dora-pw", List.of(phone, tablet), "/staff/systems");

        WebClient web = new WebClient(realm.server());
        assertThat(MfaPages.enterCode(web, codePage(web, "dora"), TotpGenerator.googleAuthenticator(tablet).now())
            .redirectOutsideKeycloak()).isPresent();
        WebClient other = new WebClient(realm.server());
        assertThat(MfaPages.enterCode(other, codePage(other, "dora"), TotpGenerator.googleAuthenticator(phone).now())
            .redirectOutsideKeycloak()).isPresent();
    }
}
