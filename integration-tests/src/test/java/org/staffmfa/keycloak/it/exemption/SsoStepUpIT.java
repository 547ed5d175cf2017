package org.staffmfa.keycloak.it.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.Form;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * An SSO session from an exempt client carries no second factor: a non-exempt client asks for one (step-up); and an
 * exemption cannot be borrowed by changing request parameters mid-flow.
 */
@RealKeycloakTest
class SsoStepUpIT {

    static final String KIOSK_REDIRECT = "http://localhost:8081/kiosk/callback";

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    static OidcClient kiosk;
    static OidcClient evergreen;

    @BeforeAll
    static void exemptKioskClient() {
        ObjectNode client = AdminClient.json()
            .put("clientId", "kiosk")
            .put("enabled", true)
            .put("publicClient", true)
            .put("standardFlowEnabled", true);
        client.putArray("redirectUris").add("http://localhost:8081/kiosk/*");
        realm.admin().createClient(realm.name(), client);
        realm.admin().exemptClient(realm.name(), "kiosk", "Self-service kiosk");
        kiosk = new OidcClient(realm.url(), "kiosk", null);
        evergreen = OidcClient.evergreenStaff(realm);
    }

    private TotpGenerator systemsUser(String username) {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), username, username + "-pw", secret, "/staff/systems");
        return TotpGenerator.googleAuthenticator(secret);
    }

    @Test
    void anSsoSessionFromAnExemptClientIsSteppedUpByANonExemptOne() {
        TotpGenerator app = systemsUser("stella");
        WebClient web = new WebClient(realm.server());

        HtmlPage atKiosk = MfaPages.login(web, web.get(kiosk.authorizationUrl(KIOSK_REDIRECT)), "stella", "stella-pw");
        assertThat(atKiosk.redirectOutsideKeycloak()).as(atKiosk.text()).isPresent();

        HtmlPage atEvergreen = web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT));
        assertThat(MfaPages.isCodePage(atEvergreen)).as("step-up on the SSO session: " + atEvergreen.text()).isTrue();
        HtmlPage steppedUp = MfaPages.enterCode(web, atEvergreen, app.now());
        assertThat(steppedUp.redirectOutsideKeycloak()).isPresent();

        // Now the session has a factor: both clients let the user through without asking.
        assertThat(web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT)).redirectOutsideKeycloak()).isPresent();
        assertThat(web.get(kiosk.authorizationUrl(KIOSK_REDIRECT)).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void anSsoSessionWithAFactorServesTheExemptClientToo() {
        TotpGenerator app = systemsUser("stan");
        WebClient web = new WebClient(realm.server());

        HtmlPage atEvergreen = MfaPages.passwordStep(web, realm, "stan", "stan-pw");
        assertThat(MfaPages.enterCode(web, atEvergreen, app.now()).redirectOutsideKeycloak()).isPresent();

        HtmlPage atKiosk = web.get(kiosk.authorizationUrl(KIOSK_REDIRECT));
        assertThat(atKiosk.redirectOutsideKeycloak()).isPresent();
        assertThat(atKiosk.redirectOutsideKeycloak().get().toString()).startsWith(KIOSK_REDIRECT);
    }

    @Test
    void swappingClientIdMidFlowDoesNotBorrowTheKiosksExemption() {
        systemsUser("tess");
        WebClient web = new WebClient(realm.server());
        HtmlPage evergreenLogin = web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT));
        web.get(kiosk.authorizationUrl(KIOSK_REDIRECT));
        Form form = evergreenLogin.form(MfaPages.LOGIN_FORM).set("username", "tess").set("password", "tess-pw");

        URI swapped = URI.create(form.action().toString().replace("client_id=evergreen-staff", "client_id=kiosk"));
        HtmlPage result = web.post(swapped, form.fields());

        result.redirectOutsideKeycloak().ifPresent(redirect -> {
            assertThat(redirect.toString()).doesNotStartWith(MfaPages.EVERGREEN_REDIRECT);
            assertThat(evergreen.exchangeCode(redirect, MfaPages.EVERGREEN_REDIRECT).ok()).isFalse();
        });
    }

    @Test
    void swappingClientIdAndTabIdOnlyEverLogsIntoTheKiosk() {
        systemsUser("tilo");
        WebClient web = new WebClient(realm.server());
        HtmlPage evergreenLogin = web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT));
        HtmlPage kioskLogin = web.get(kiosk.authorizationUrl(KIOSK_REDIRECT));
        Form evergreenForm = evergreenLogin.form(MfaPages.LOGIN_FORM).set("username", "tilo").set("password", "tilo-pw");
        String kioskTab = OidcClient.queryParameter(kioskLogin.form(MfaPages.LOGIN_FORM).action(), "tab_id").orElseThrow();
        String evergreenTab = OidcClient.queryParameter(evergreenForm.action(), "tab_id").orElseThrow();

        URI swapped = URI.create(evergreenForm.action().toString()
            .replace("client_id=evergreen-staff", "client_id=kiosk").replace("tab_id=" + evergreenTab, "tab_id=" + kioskTab));
        HtmlPage result = web.post(swapped, evergreenForm.fields());

        result.redirectOutsideKeycloak().ifPresent(redirect -> {
            assertThat(redirect.toString()).startsWith(KIOSK_REDIRECT);
            assertThat(evergreen.exchangeCode(redirect, MfaPages.EVERGREEN_REDIRECT).ok()).isFalse();
        });
        // And evergreen in this browser still asks for the second factor.
        HtmlPage evergreenAgain = web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT));
        assertThat(evergreenAgain.redirectOutsideKeycloak()).isEmpty();
    }
}
