package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, item 11: behind a TLS-terminating proxy (Keycloak started with {@code --proxy-headers=xforwarded},
 * as the test server is) the remember cookie is {@code Secure} when the public scheme is https, though Keycloak itself
 * is reached over plain http.
 */
@RealKeycloakTest
class ProxiedRememberCookieIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @BeforeEach
    void harnessStartedServer() {
        assertThat(realm.server().logFile()).as("needs the harness-started Keycloak with --proxy-headers").isPresent();
    }

    private List<String> rememberCookieSetBy(String username, Map<String, String> proxyHeaders) {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), username, username + "-pw", secret, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, username, username + "-pw");
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM)
            .set("code", TotpGenerator.googleAuthenticator(secret).now()).set("remember", "on"), proxyHeaders);
        return done.setCookies(RememberCookies.PREFIX);
    }

    @Test
    void theCookieIsSecureWhenThePublicSchemeIsHttps() {
        List<String> cookies = rememberCookieSetBy("pablo", Map.of("X-Forwarded-Proto", "https"));

        assertThat(cookies).hasSize(1);
        assertThat(cookies.get(0)).contains("Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void overPlainHttpWithoutTheProxyHeaderTheCookieIsNotSecure() {
        List<String> cookies = rememberCookieSetBy("petra", Map.of());

        assertThat(cookies).hasSize(1);
        assertThat(cookies.get(0)).contains("HttpOnly").doesNotContain("Secure");
    }
}
