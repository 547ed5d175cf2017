package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient.TokenResponse;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, item 2 (last part): what an exemption let in ends with the exemption. When an MFA administrator
 * revokes a user's or a client's exemption, or a user's exemption expires, the SSO sessions and offline tokens that
 * were obtained through it without a second factor stop working; sessions that passed a factor are left alone.
 */
@RealKeycloakTest
class ExemptionSessionsIT {

    /** Sessions that outlive the clock moves of these tests unless something ends them. */
    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json
        .put("ssoSessionIdleTimeout", 36000)
        .put("ssoSessionMaxLifespan", 36000)
        .put("quickLoginCheckMilliSeconds", 0));

    private String exemptionsPath(String username) {
        return realm.adminPath() + "/staff-mfa/users/" + realm.admin().user(realm.name(), username).get("id").asText()
            + "/exemptions";
    }

    private String grant(String username, Map<String, Object> request) {
        HttpResponse<String> granted = realm.admin().post(exemptionsPath(username), request);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        return granted.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** A browser login to evergreen-staff that the exemption lets through; the tokens for the given scope. */
    private TokenResponse exemptBrowserLogin(String username, String scope) {
        WebClient web = new WebClient(realm.server());
        OidcClient evergreen = OidcClient.evergreenStaff(realm);
        HtmlPage done = MfaPages.login(web, web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT, scope)),
            username, username + "-pw");
        assertThat(done.redirectOutsideKeycloak()).as("exempt: no factor page, " + done.text()).isPresent();
        TokenResponse tokens = evergreen.exchangeCode(done.redirectOutsideKeycloak().get(), MfaPages.EVERGREEN_REDIRECT);
        assertThat(tokens.ok()).as(tokens.json().toString()).isTrue();
        return tokens;
    }

    private static String refreshToken(TokenResponse tokens) {
        return tokens.json().get("refresh_token").asText();
    }

    private boolean stillWorks(OidcClient client, TokenResponse tokens) {
        return client.refresh(refreshToken(tokens)).ok();
    }

    @Test
    void revokingAUserExemptionEndsTheSessionsAndOfflineTokensItOpened() {
        TotpGenerator app = realm.systemsUserWithApp("nina");
        String exemption = grant("nina", Map.of("clients", List.of("evergreen-staff"), "reason", "Stocktaking"));
        OidcClient evergreen = OidcClient.evergreenStaff(realm);
        TokenResponse offline = exemptBrowserLogin("nina", "openid offline_access");
        TokenResponse online = exemptBrowserLogin("nina", "openid");
        TokenResponse withFactor = OidcClient.staffCli(realm).passwordGrant("nina", "nina-pw", Map.of("otp", app.now()));
        assertThat(offline.json().path("refresh_expires_in").asInt(-1)).as("an offline token").isZero();
        assertThat(stillWorks(evergreen, offline)).isTrue();
        assertThat(stillWorks(evergreen, online)).isTrue();

        assertThat(realm.admin().delete(exemptionsPath("nina") + "/" + exemption).statusCode()).isEqualTo(204);

        assertThat(stillWorks(evergreen, offline)).as("offline token of the exempt login").isFalse();
        assertThat(stillWorks(evergreen, online)).as("SSO session of the exempt login").isFalse();
        assertThat(stillWorks(OidcClient.staffCli(realm), withFactor)).as("a session that passed the factor").isTrue();
    }

    @Test
    void aSecondExemptLoginInTheSameSessionDoesNotHideTheFirst() {
        ObjectNode readingRoom = (ObjectNode) realm.admin().get(realm.adminPath() + "/clients?clientId=evergreen-staff").get(0);
        readingRoom.remove("id");
        readingRoom.remove("protocolMappers");
        readingRoom.put("clientId", "reading-room");
        realm.admin().createClient(realm.name(), readingRoom);
        realm.systemsUserWithApp("nele");
        String first = grant("nele", Map.of("clients", List.of("evergreen-staff"), "reason", "Stocktaking"));
        grant("nele", Map.of("clients", List.of("reading-room"), "reason", "Reading room"));
        WebClient web = new WebClient(realm.server());
        OidcClient evergreen = OidcClient.evergreenStaff(realm);
        HtmlPage evergreenDone = MfaPages.login(web, web.get(evergreen.authorizationUrl(MfaPages.EVERGREEN_REDIRECT)),
            "nele", "nele-pw");
        TokenResponse tokens = evergreen.exchangeCode(evergreenDone.redirectOutsideKeycloak().orElseThrow(),
            MfaPages.EVERGREEN_REDIRECT);
        assertThat(web.get(new OidcClient(realm.url(), "reading-room", "evergreen-demo-secret")
            .authorizationUrl(MfaPages.EVERGREEN_REDIRECT)).redirectOutsideKeycloak()).as("SSO, second exemption").isPresent();

        assertThat(realm.admin().delete(exemptionsPath("nele") + "/" + first).statusCode()).isEqualTo(204);

        assertThat(stillWorks(evergreen, tokens)).as("the session the first exemption let in").isFalse();
    }

    @Test
    void anExemptionDeletedOnTheCredentialsTabEndsItsSessionsToo() {
        realm.systemsUserWithApp("nick");
        String exemption = grant("nick", Map.of("clients", List.of("evergreen-staff"), "reason", "Inventory"));
        TokenResponse offline = exemptBrowserLogin("nick", "openid offline_access");
        String userId = realm.admin().user(realm.name(), "nick").get("id").asText();

        assertThat(realm.admin().delete(realm.adminPath() + "/users/" + userId + "/credentials/" + exemption)
            .statusCode()).isEqualTo(204);

        assertThat(stillWorks(OidcClient.evergreenStaff(realm), offline)).isFalse();
    }

    @Test
    void revokingAClientExemptionEndsTheSessionsObtainedThroughIt() {
        realm.systemsUserWithApp("noor");
        ObjectNode script = AdminClient.json()
            .put("clientId", "circulation-script")
            .put("secret", "circulation-secret")
            .put("publicClient", false)
            .put("standardFlowEnabled", false)
            .put("directAccessGrantsEnabled", true);
        String clientId = realm.admin().createClient(realm.name(), script);
        realm.admin().exemptClient(realm.name(), "circulation-script", "Overdue notices");
        OidcClient circulation = new OidcClient(realm.url(), "circulation-script", "circulation-secret");
        TokenResponse offline = circulation.passwordGrant("noor", "noor-pw", Map.of("scope", "openid offline_access"));
        TokenResponse online = circulation.passwordGrant("noor", "noor-pw");
        assertThat(offline.ok()).as(offline.json().toString()).isTrue();
        assertThat(stillWorks(circulation, online)).isTrue();

        assertThat(realm.admin().delete(realm.adminPath() + "/staff-mfa/clients/" + clientId + "/exemption")
            .statusCode()).isEqualTo(204);

        assertThat(stillWorks(circulation, offline)).isFalse();
        assertThat(stillWorks(circulation, online)).isFalse();
        assertThat(circulation.passwordGrant("noor", "noor-pw").ok()).as("and no new password-only login").isFalse();
    }

    @Test
    void anExpiredExemptionEndsItsSessionsWithoutAnyoneActing() throws InterruptedException {
        realm.systemsUserWithApp("nils");
        grant("nils", Map.of("clients", List.of("evergreen-staff"), "reason", "One hour",
            "expires", Instant.now().plus(Duration.ofHours(1)).toString()));
        OidcClient evergreen = OidcClient.evergreenStaff(realm);
        TokenResponse offline = exemptBrowserLogin("nils", "openid offline_access");
        TokenResponse online = exemptBrowserLogin("nils", "openid");

        try (TestClock clock = TestClock.shiftedBy(realm.server(), Duration.ofHours(2))) {
            // The server ends such sessions on a schedule (every few seconds in this test server, a minute by default).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stillWorks(evergreen, offline) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(stillWorks(evergreen, offline)).as("offline token after expiry").isFalse();
            assertThat(stillWorks(evergreen, online)).as("SSO session after expiry").isFalse();
            assertThat(clock.offset()).isPositive();
        }
    }
}
