package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, item 3: a client set to {@code staff-mfa.remember-browser=never} (a shared circulation-desk PC) does
 * not accept an SSO session whose second factor came only from a remembered browser; it asks for the factor. An SSO
 * session that really passed the factor is still accepted.
 */
@RealKeycloakTest
class RememberedSessionStepUpIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @BeforeAll
    static void deskClient() {
        ObjectNode desk = (ObjectNode) realm.admin().get(realm.adminPath() + "/clients?clientId=evergreen-staff").get(0);
        desk.remove("id");
        desk.remove("protocolMappers");
        desk.put("clientId", "circulation-desk");
        ((ObjectNode) desk.get("attributes")).put("staff-mfa.remember-browser", "never");
        realm.admin().createClient(realm.name(), desk);
    }

    private HtmlPage openDesk(WebClient web) {
        return web.get(new OidcClient(realm.url(), "circulation-desk", "evergreen-demo-secret")
            .authorizationUrl(MfaPages.EVERGREEN_REDIRECT));
    }

    /** Remembers the browser on evergreen-staff, then signs in there again: an SSO session from the remembered browser. */
    private static void signInThroughRememberedBrowser(WebClient web, String username, TotpGenerator app) {
        HtmlPage codePage = MfaPages.passwordStep(web, realm, username, username + "-pw");
        assertThat(web.submit(codePage.form(MfaPages.CODE_FORM).set("code", app.now()).set("remember", "on"))
            .redirectOutsideKeycloak()).isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        assertThat(MfaPages.passwordStep(web, realm, username, username + "-pw").redirectOutsideKeycloak())
            .as("evergreen honours the remembered browser").isPresent();
    }

    @Test
    void aSessionThatPassedOnlyThroughARememberedBrowserIsAskedAtTheDesk() {
        TotpGenerator app = realm.systemsUserWithApp("tess");
        WebClient web = new WebClient(realm.server());
        signInThroughRememberedBrowser(web, "tess", app);

        HtmlPage desk = openDesk(web);

        assertThat(desk.redirectOutsideKeycloak()).as("the desk must not accept it: " + desk.text()).isEmpty();
        assertThat(MfaPages.isCodePage(desk)).isTrue();
        assertThat(desk.has("#staff-mfa-remember")).as("and offers no remembering there").isFalse();
        assertThat(MfaPages.enterCode(web, desk, app.stepsFromNow(1)).redirectOutsideKeycloak()).isPresent();
    }

    /**
     * A later exempt login in the same SSO session must not make the remembered browser look like a real factor (the
     * session's "why no factor" note is overwritten by it).
     */
    @Test
    void anExemptLoginInBetweenDoesNotTurnARememberedBrowserIntoARealFactor() {
        ObjectNode kiosk = (ObjectNode) realm.admin().get(realm.adminPath() + "/clients?clientId=evergreen-staff").get(0);
        kiosk.remove("id");
        kiosk.remove("protocolMappers");
        kiosk.put("clientId", "catalogue-kiosk");
        realm.admin().createClient(realm.name(), kiosk);
        realm.admin().exemptClient(realm.name(), "catalogue-kiosk", "Public catalogue kiosk");
        TotpGenerator app = realm.systemsUserWithApp("tilda");
        WebClient web = new WebClient(realm.server());
        signInThroughRememberedBrowser(web, "tilda", app);
        assertThat(web.get(new OidcClient(realm.url(), "catalogue-kiosk", "evergreen-demo-secret")
            .authorizationUrl(MfaPages.EVERGREEN_REDIRECT)).redirectOutsideKeycloak()).as("the kiosk is exempt").isPresent();

        HtmlPage desk = openDesk(web);

        assertThat(MfaPages.isCodePage(desk)).as("the desk still asks: " + desk.text()).isTrue();
    }

    @Test
    void aSessionThatReallyPassedTheFactorIsAcceptedAtTheDesk() {
        TotpGenerator app = realm.systemsUserWithApp("theo");
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "theo", "theo-pw");
        assertThat(MfaPages.enterCode(web, codePage, app.now()).redirectOutsideKeycloak()).isPresent();

        assertThat(openDesk(web).redirectOutsideKeycloak()).isPresent();
    }
}
