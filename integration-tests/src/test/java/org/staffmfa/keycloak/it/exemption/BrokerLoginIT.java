package org.staffmfa.keycloak.it.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Logins through an identity provider (a second realm on the same Keycloak acting as OIDC provider): the Staff MFA
 * gate in the provider's post login flow asks for the factor; a provider without it is caught by the safety net.
 */
@RealKeycloakTest
class BrokerLoginIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @RegisterExtension
    static final DemoRealm idp = new DemoRealm();

    static TotpGenerator biancasApp;

    @BeforeAll
    static void identityProviders() {
        ObjectNode broker = AdminClient.json()
            .put("clientId", "staff-broker")
            .put("enabled", true)
            .put("publicClient", false)
            .put("secret", "broker-secret")
            .put("standardFlowEnabled", true);
        broker.putArray("redirectUris").add(realm.url() + "/broker/*");
        idp.admin().createClient(idp.name(), broker);
        String biancaAtIdp = idp.admin().createUser(idp.name(), "bianca-idp", "idp-pw", null);
        idp.admin().createUser(idp.name(), "newbie", "idp-pw", null);

        createProvider("library-idp", "staff post broker login");
        createProvider("plain-idp", null);
        realm.admin().post(realm.adminPath() + "/identity-provider/instances/library-idp/mappers", Map.of(
            "name", "staff systems", "identityProviderAlias", "library-idp",
            "identityProviderMapper", "oidc-hardcoded-group-idp-mapper",
            "config", Map.of("group", "/staff/systems", "syncMode", "INHERIT")));

        String secret = TotpGenerator.randomBase32Secret();
        String bianca = realm.admin().createUser(realm.name(), "bianca", "bianca-pw", secret, "/staff/systems");
        biancasApp = TotpGenerator.googleAuthenticator(secret);
        for (String alias : new String[] {"library-idp", "plain-idp"}) {
            realm.admin().post(realm.adminPath() + "/users/" + bianca + "/federated-identity/" + alias,
                Map.of("identityProvider", alias, "userId", biancaAtIdp, "userName", "bianca-idp"));
        }
    }

    private static void createProvider(String alias, String postBrokerFlow) {
        ObjectNode provider = AdminClient.json()
            .put("alias", alias)
            .put("providerId", "oidc")
            .put("enabled", true)
            .put("trustEmail", true)
            .put("firstBrokerLoginFlowAlias", "first broker login");
        if (postBrokerFlow != null) {
            provider.put("postBrokerLoginFlowAlias", postBrokerFlow);
        }
        provider.putObject("config")
            .put("authorizationUrl", idp.url() + "/protocol/openid-connect/auth")
            .put("tokenUrl", idp.url() + "/protocol/openid-connect/token")
            .put("userInfoUrl", idp.url() + "/protocol/openid-connect/userinfo")
            .put("clientId", "staff-broker")
            .put("clientSecret", "broker-secret")
            .put("clientAuthMethod", "client_secret_post")
            .put("defaultScope", "openid email profile")
            .put("syncMode", "IMPORT")
            .put("validateSignature", "false");
        assertThat(realm.admin().post(realm.adminPath() + "/identity-provider/instances", provider).statusCode()).isEqualTo(201);
    }

    /** Starts an evergreen-staff login that goes straight to the provider, and logs in there. */
    private static HtmlPage loginThrough(WebClient web, String alias, String idpUser) {
        HtmlPage idpLogin = web.get(OidcClient.evergreenStaff(realm).authorizationUrl(MfaPages.EVERGREEN_REDIRECT)
            + "&kc_idp_hint=" + alias);
        assertThat(idpLogin.url().toString()).startsWith(idp.url());
        return MfaPages.login(web, idpLogin, idpUser, "idp-pw");
    }

    @Test
    void theGateInThePostLoginFlowAsksForTheFactor() {
        WebClient web = new WebClient(realm.server());

        HtmlPage back = loginThrough(web, "library-idp", "bianca-idp");

        assertThat(back.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.isCodePage(back)).as(back.text()).isTrue();
        assertThat(MfaPages.enterCode(web, back, biancasApp.now()).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void aFirstLoginThroughTheProviderMustEnrol() {
        WebClient web = new WebClient(realm.server());

        HtmlPage back = loginThrough(web, "library-idp", "newbie");

        assertThat(back.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.isEnrolChooser(back)).as(back.text()).isTrue();
    }

    @Test
    void aProviderWithoutTheGateIsRefusedByTheSafetyNet() {
        WebClient web = new WebClient(realm.server());

        HtmlPage back = loginThrough(web, "plain-idp", "bianca-idp");

        assertThat(back.redirectOutsideKeycloak()).isEmpty();
        assertThat(back.status()).as(back.text()).isEqualTo(403);
        assertThat(back.text()).contains("Your account needs a second factor");
        assertThat(realm.admin().userEvents(realm.name(), "bianca", "CUSTOM_REQUIRED_ACTION_ERROR").get(0)
            .path("error").asText()).isEqualTo("mfa_not_checked");
    }
}
