package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, item 12: the extension's one-time markers live in their own namespace of Keycloak's single-use
 * store (prefix, realm, purpose; see {@code SingleUseKeys}), and that namespace is shared by every way a code is
 * checked: an authenticator-app code used in the browser is refused in the password grant and the other way round.
 */
@RealKeycloakTest
class ReplayAcrossPathsIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json.put("quickLoginCheckMilliSeconds", 0));

    @Test
    void aCodeUsedInTheBrowserIsRefusedInThePasswordGrant() {
        TotpGenerator app = realm.systemsUserWithApp("uwe");
        Instant now = Instant.now();
        String code = app.codeAt(now);
        WebClient web = new WebClient(realm.server());
        assertThat(MfaPages.enterCode(web, MfaPages.passwordStep(web, realm, "uwe", "uwe-pw"), code)
            .redirectOutsideKeycloak()).isPresent();

        OidcClient.TokenResponse replay = OidcClient.staffCli(realm).passwordGrant("uwe", "uwe-pw", Map.of("otp", code));

        assertThat(replay.errorDescription()).isEqualTo("Invalid or already used one-time code");
        assertThat(OidcClient.staffCli(realm).passwordGrant("uwe", "uwe-pw", Map.of("otp", app.codeAt(now.plusSeconds(30))))
            .ok()).as("the next code works there").isTrue();
    }

    @Test
    void aCodeUsedInThePasswordGrantIsRefusedInTheBrowser() {
        TotpGenerator app = realm.systemsUserWithApp("vito");
        String code = app.now();
        OidcClient.TokenResponse first = OidcClient.staffCli(realm).passwordGrant("vito", "vito-pw", Map.of("otp", code));
        assertThat(first.ok()).as(first.json().toString()).isTrue();

        WebClient web = new WebClient(realm.server());
        HtmlPage replay = MfaPages.enterCode(web, MfaPages.passwordStep(web, realm, "vito", "vito-pw"), code);

        assertThat(replay.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.fieldError(replay, "code")).isEqualTo("Invalid code. Please try again.");
    }
}
