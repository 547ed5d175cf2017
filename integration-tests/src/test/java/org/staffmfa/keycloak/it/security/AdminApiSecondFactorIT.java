package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, item 2: the MFA admin API obeys the caller's own MFA policy. An MFA administrator who must use a
 * second factor cannot drive it with a token whose session never passed one (a login through an exempt client), nor
 * with one that passed only through a remembered browser when the token's client does not honour remembered
 * browsers. The demo's exempt client hands out no admin roles at all.
 */
@RealKeycloakTest
class AdminApiSecondFactorIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json.put("quickLoginCheckMilliSeconds", 0));

    private TotpGenerator mfaAdministrator(String username) {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), username, username + "-pw", secret, "/staff/systems");
        realm.admin().grantRealmManagementRoles(realm.name(), username,
            "manage-mfa", "view-users", "query-users", "query-groups");
        return TotpGenerator.googleAuthenticator(secret);
    }

    private String systemsPolicyPath() {
        String id = realm.admin().get(realm.adminPath() + "/group-by-path/staff/systems").get("id").asText();
        return "/admin" + realm.adminPath() + "/staff-mfa/groups/" + id;
    }

    private String systemsMode() {
        return realm.admin().get(systemsPolicyPath().substring("/admin".length())).path("settings").path("mode").asText();
    }

    /** A confidential script client with the password grant and full scope, exempt from MFA. */
    private OidcClient exemptScriptClient(String clientId, String secret, String reason) {
        ObjectNode script = AdminClient.json()
            .put("clientId", clientId)
            .put("secret", secret)
            .put("publicClient", false)
            .put("standardFlowEnabled", false)
            .put("directAccessGrantsEnabled", true)
            .put("fullScopeAllowed", true);
        realm.admin().createClient(realm.name(), script);
        realm.admin().exemptClient(realm.name(), clientId, reason);
        return new OidcClient(realm.url(), clientId, secret);
    }

    private ApiCaller as(OidcClient.TokenResponse tokens) {
        assertThat(tokens.ok()).as(tokens.json().toString()).isTrue();
        return new ApiCaller(realm.server(), tokens.json().get("access_token").asText());
    }

    @Test
    void aPasswordOnlyTokenFromAnExemptClientCannotTurnMfaOff() {
        TotpGenerator app = mfaAdministrator("maya");
        ApiCaller passwordOnly = as(exemptScriptClient("batch-import", "batch-secret", "Nightly patron import")
            .passwordGrant("maya", "maya-pw"));

        JsonNode settingsBefore = realm.admin().get(systemsPolicyPath().substring("/admin".length())).get("settings");
        HttpResponse<String> off = passwordOnly.put(systemsPolicyPath(), "{\"mode\":\"off\"}");
        HttpResponse<String> read = passwordOnly.get(systemsPolicyPath());
        if (off.statusCode() == 200) {
            // The attack worked: put the policy back for the other tests before failing.
            realm.admin().put(systemsPolicyPath().substring("/admin".length()), settingsBefore);
        }

        assertThat(off.statusCode()).as(off.body()).isEqualTo(403);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(systemsMode()).isEqualTo("required");

        // The same administrator, after passing her second factor, may.
        ApiCaller withFactor = as(OidcClient.staffCli(realm).passwordGrant("maya", "maya-pw", Map.of("otp", app.now())));
        assertThat(withFactor.get(systemsPolicyPath()).statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordOnlyTokenFromAnExemptClientCannotSetUpFixOrReadTheRealmsHealth() {
        TotpGenerator app = mfaAdministrator("rhea");
        realm.admin().grantRealmManagementRoles(realm.name(), "rhea", "manage-realm", "view-realm",
            "manage-identity-providers");
        ApiCaller passwordOnly = as(exemptScriptClient("shelf-scanner", "scanner-secret", "Shelf scanner")
            .passwordGrant("rhea", "rhea-pw"));
        String mfaApi = "/admin" + realm.adminPath() + "/staff-mfa";

        HttpResponse<String> setup = passwordOnly.send("POST", mfaApi + "/setup", "{\"bindings\": [\"browser\"]}");
        assertThat(setup.statusCode()).as(setup.body()).isEqualTo(403);
        assertThat(passwordOnly.get(mfaApi + "/health").statusCode()).isEqualTo(403);
        assertThat(passwordOnly.send("POST", mfaApi + "/health/fixes/brute-force-detection-off", null).statusCode())
            .isEqualTo(403);

        ApiCaller withFactor = as(OidcClient.staffCli(realm).passwordGrant("rhea", "rhea-pw", Map.of("otp", app.now())));
        HttpResponse<String> health = withFactor.get(mfaApi + "/health");
        assertThat(health.statusCode()).as("the same administrator after her second factor").isEqualTo(200);
        assertThat(health.body()).as("the exempt client's full scope is itself a finding").contains("exempt-client-full-scope");
    }

    @Test
    void aPasswordOnlyTokenIsRefusedByEveryPartOfTheApiWhateverTheUrl() {
        mfaAdministrator("remy");
        realm.admin().grantRealmManagementRoles(realm.name(), "remy", "manage-realm", "view-realm", "remove-user-mfa",
            "view-clients", "query-clients");
        realm.admin().createUser(realm.name(), "someone", "someone-pw", null, "/staff/systems");
        String someone = realm.admin().user(realm.name(), "someone").get("id").asText();
        ApiCaller passwordOnly = as(exemptScriptClient("label-printer", "printer-secret", "Label printer")
            .passwordGrant("remy", "remy-pw"));
        String mfaApi = "/admin" + realm.adminPath() + "/staff-mfa";

        for (String part : List.of("/groups", "/clients", "/settings", "/code-settings/sms", "/adoption", "/secrets",
                "/setup", "/emergency", "/health", "/users/" + someone, "/users/" + someone + "/exemptions",
                "/users/00000000-0000-0000-0000-000000000000")) {
            HttpResponse<String> answer = passwordOnly.get(mfaApi + part);
            assertThat(answer.statusCode()).as(part + ": " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).as(part).contains("sign in with it to administer MFA");
        }
        for (String change : List.of("/emergency/disabled-factors", "/emergency/suspension", "/settings")) {
            HttpResponse<String> answer = passwordOnly.put(mfaApi + change, "{}");
            assertThat(answer.statusCode()).as(change + ": " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).as(change).contains("sign in with it to administer MFA");
        }
        HttpResponse<String> forget = passwordOnly.send("DELETE", mfaApi + "/users/" + someone + "/remembered-browsers", null);
        assertThat(forget.statusCode()).isEqualTo(403);
        assertThat(forget.body()).contains("sign in with it to administer MFA");
        // Ending a suspension is the one operation that asks for no factor (it only ever restores MFA).
        assertThat(passwordOnly.send("DELETE", mfaApi + "/emergency/suspension", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theDemoSip2GatewayHandsOutNoAdminPower() {
        mfaAdministrator("milo");

        OidcClient.TokenResponse tokens = OidcClient.sip2Gateway(realm).passwordGrant("milo", "milo-pw");
        ApiCaller gatewayToken = as(tokens);

        assertThat(tokens.accessTokenClaims().path("resource_access").has("realm-management")).isFalse();
        assertThat(gatewayToken.get("/admin" + realm.adminPath() + "/users").statusCode()).isEqualTo(403);
        JsonNode settingsBefore = realm.admin().get(systemsPolicyPath().substring("/admin".length())).get("settings");
        HttpResponse<String> off = gatewayToken.put(systemsPolicyPath(), "{\"mode\":\"off\"}");
        if (off.statusCode() == 200) {
            realm.admin().put(systemsPolicyPath().substring("/admin".length()), settingsBefore);
        }
        assertThat(off.statusCode()).isEqualTo(403);
        assertThat(systemsMode()).isEqualTo("required");
    }

    @Test
    void aRememberedBrowserCountsOnlyForAClientThatHonoursRememberedBrowsers() {
        TotpGenerator app = mfaAdministrator("mona");
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "mona", "mona-pw");
        HtmlPage first = web.submit(codePage.form(MfaPages.CODE_FORM).set("code", app.now()).set("remember", "on"));
        assertThat(first.redirectOutsideKeycloak()).isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        HtmlPage remembered = MfaPages.passwordStep(web, realm, "mona", "mona-pw");
        assertThat(remembered.redirectOutsideKeycloak()).as("the browser is remembered").isPresent();
        ApiCaller rememberedSession = as(OidcClient.evergreenStaff(realm)
            .exchangeCode(remembered.redirectOutsideKeycloak().get(), MfaPages.EVERGREEN_REDIRECT));

        assertThat(rememberedSession.get(systemsPolicyPath()).statusCode()).isEqualTo(200);
        realm.admin().setClientAttribute(realm.name(), "evergreen-staff", "staff-mfa.remember-browser", "never");
        try {
            HttpResponse<String> refused = rememberedSession.get(systemsPolicyPath());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        } finally {
            realm.admin().setClientAttribute(realm.name(), "evergreen-staff", "staff-mfa.remember-browser", "");
        }
    }

    @Test
    void anAdministratorWhosePolicyAsksForNothingIsNotAsked() {
        realm.admin().createUser(realm.name(), "otto", "otto-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "otto", "manage-mfa", "query-groups");

        JsonNode groups = AdminClient.asRealmUser(realm.server(), realm.name(), "otto", "otto-pw")
            .get(realm.adminPath() + "/staff-mfa/groups");

        assertThat(groups.toString()).contains("/staff/systems");
    }
}
