package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/** With the realm's OTP policy set to HOTP, enrolment and login use counter-based codes. */
@RealKeycloakTest
class HotpIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json
        .put("otpPolicyType", "hotp")
        .put("otpPolicyInitialCounter", 0)
        .put("otpPolicyLookAheadWindow", 2));

    private HtmlPage passwordStep(WebClient web) {
        return MfaPages.passwordStep(web, realm, "bob", "bob-demo");
    }

    @Test
    void bobEnrolsAnHotpTokenAndItsCounterMovesForwardOnly() {
        WebClient web = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(web, passwordStep(web));
        assertThat(setup.text("#staff-mfa-totp-type")).isEqualTo("Counter-based");
        assertThat(setup.text("#staff-mfa-totp-counter")).isEqualTo("0");
        TotpGenerator token = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));

        assertThat(MfaPages.postponeRecoveryCodes(web, MfaPages.confirmTotp(web, setup, token.hotp(0), "Token"))
            .redirectOutsideKeycloak()).isPresent();

        // The enrolment code (counter 0) is spent; counter 1 works, once.
        WebClient second = new WebClient(realm.server());
        HtmlPage reuse = MfaPages.enterCode(second, passwordStep(second), token.hotp(0));
        assertThat(MfaPages.fieldError(reuse, "code")).isEqualTo("Invalid code. Please try again.");
        assertThat(MfaPages.enterCode(second, reuse, token.hotp(1)).redirectOutsideKeycloak()).isPresent();

        // Look-ahead of 2: counter 4 is accepted after 1 (2 and 3 skipped), then 3 is in the past.
        WebClient third = new WebClient(realm.server());
        assertThat(MfaPages.enterCode(third, passwordStep(third), token.hotp(4)).redirectOutsideKeycloak()).isPresent();
        WebClient fourth = new WebClient(realm.server());
        HtmlPage past = MfaPages.enterCode(fourth, passwordStep(fourth), token.hotp(3));
        assertThat(MfaPages.fieldError(past, "code")).isEqualTo("Invalid code. Please try again.");
    }
}
