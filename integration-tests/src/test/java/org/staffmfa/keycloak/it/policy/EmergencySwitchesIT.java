package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.CodeSettingsFixture;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.SmsGateway;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * The emergency switches ({@code …/staff-mfa/emergency}): a factor switched off realm-wide is neither asked for nor
 * sent, and its users enrol another; enforcement suspended lets everyone in with the password alone, loudly, until
 * the time set (at most 24 hours), and a suspension written past the API for longer is not honoured.
 */
@RealKeycloakTest
class EmergencySwitchesIT {

    @RegisterExtension
    static final SmsGateway gateway = new SmsGateway();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> CodeSettingsFixture.inRealmFile(json, "sms",
        Map.of("sender", "http", "http.url", gateway.baseUrl() + "/sms", "default-region", "DE")));

    private static String emergency() {
        return realm.adminPath() + "/staff-mfa/emergency";
    }

    @AfterEach
    void switchesBack() {
        realm.admin().put(emergency() + "/disabled-factors", Map.of("factors", List.of()));
        realm.admin().delete(emergency() + "/suspension");
    }

    private static HttpResponse<String> suspendUntil(AdminClient caller, Instant until, String reason) {
        return caller.put(emergency() + "/suspension", Map.of("until", until.toString(), "reason", reason));
    }

    @Test
    void aFactorSwitchedOffIsNeitherAskedForNorSentAndItsOnlyUsersEnrolAnother() {
        realm.admin().createUserWithCredentials(realm.name(), "sami", "sami-pw", List.of(),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915100000011")), "/staff/systems");
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithCredentials(realm.name(), "tara", "tara-pw", List.of(secret),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915100000012")), "/staff/systems");

        HttpResponse<String> off = realm.admin().put(emergency() + "/disabled-factors", Map.of("factors", List.of("sms")));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(realm.admin().get(emergency()).path("disabledFactors").toString()).isEqualTo("[\"sms\"]");
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/health").findValuesAsText("id"))
            .contains("factor-switched-off");
        assertThat(realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=REALM")
            .findValuesAsText("staff_mfa_action")).contains("disable-factors");

        int sent = gateway.count();
        HtmlPage onlySms = MfaPages.passwordStep(new WebClient(realm.server()), realm, "sami", "sami-pw");
        assertThat(MfaPages.isEnrolmentStart(onlySms)).as("required, only factor off: enrol another: " + onlySms.text())
            .isTrue();
        assertThat(onlySms.body()).doesNotContain("value=\"sms\"");
        HtmlPage appAndSms = MfaPages.passwordStep(new WebClient(realm.server()), realm, "tara", "tara-pw");
        assertThat(MfaPages.isCodePage(appAndSms)).isTrue();
        assertThat(appAndSms.has("#staff-mfa-use-sms")).as("SMS is not offered as another factor").isFalse();
        assertThat(gateway.count()).as("no SMS sent while the factor is off").isEqualTo(sent);

        assertThat(realm.admin().put(emergency() + "/disabled-factors", Map.of("factors", List.of())).statusCode())
            .isEqualTo(200);
        HtmlPage smsAgain = MfaPages.passwordStep(new WebClient(realm.server()), realm, "sami", "sami-pw");
        assertThat(MfaPages.isCodePage(smsAgain)).as("switched on again: " + smsAgain.text()).isTrue();
        assertThat(gateway.count()).as("the SMS code is sent again").isEqualTo(sent + 1);
    }

    @Test
    void aBrowserRememberedAfterAFactorNowSwitchedOffIsNotHonoured() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithCredentials(realm.name(), "rita", "rita-pw", List.of(secret),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915100000013")), "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "rita", "rita-pw");
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM)
            .set("code", TotpGenerator.googleAuthenticator(secret).now()).set("remember", "on"));
        assertThat(done.redirectOutsideKeycloak()).isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        assertThat(MfaPages.passwordStep(web, realm, "rita", "rita-pw").redirectOutsideKeycloak())
            .as("remembered").isPresent();

        RememberCookies.endSsoSessionKeepingRememberCookies(web);
        assertThat(realm.admin().put(emergency() + "/disabled-factors", Map.of("factors", List.of("totp"))).statusCode())
            .isEqualTo(200);
        HtmlPage asked = MfaPages.passwordStep(web, realm, "rita", "rita-pw");
        assertThat(asked.redirectOutsideKeycloak()).as("the app is off: its remembered browser does not count").isEmpty();
        assertThat(MfaPages.isCodePage(asked)).as("asked for her SMS code instead: " + asked.text()).isTrue();
    }

    @Test
    void aSuspensionLetsEveryoneInWithThePasswordAloneLoudlyUntilItEnds() throws Exception {
        realm.systemsUserWithApp("ulla");
        realm.admin().createUser(realm.name(), "uwe", "uwe-pw", null, "/staff/systems");
        Instant until = Instant.now().plus(Duration.ofHours(2));
        HttpResponse<String> suspended = suspendUntil(realm.admin(), until, "Phone network outage");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        JsonNode state = realm.admin().get(emergency()).path("suspension");
        assertThat(state.path("reason").asText()).isEqualTo("Phone network outage");
        assertThat(Instant.parse(state.path("until").asText()).getEpochSecond()).isEqualTo(until.getEpochSecond());
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/health").findValuesAsText("id"))
            .as("the health check shows it too").contains("enforcement-suspended");

        HtmlPage through = MfaPages.passwordStep(new WebClient(realm.server()), realm, "ulla", "ulla-pw");
        assertThat(through.redirectOutsideKeycloak()).as("the password alone: " + through.text()).isPresent();
        JsonNode login = realm.admin().userEvents(realm.name(), "ulla", "LOGIN").get(0);
        assertThat(login.path("details").path("mfa_skip_reason").asText()).isEqualTo("enforcement-suspended");
        assertThat(login.path("details").path("mfa_suspended_until").asText()).isNotBlank();
        HtmlPage noEnrolment = MfaPages.passwordStep(new WebClient(realm.server()), realm, "uwe", "uwe-pw");
        assertThat(noEnrolment.redirectOutsideKeycloak()).as("no forced enrolment either: " + noEnrolment.text())
            .isPresent();
        OidcClient.TokenResponse grant = OidcClient.staffCli(realm).passwordGrant("ulla", "ulla-pw",
            Map.of("scope", "openid offline_access"));
        assertThat(grant.ok()).as("password grant without a code: " + grant.json()).isTrue();
        String log = Files.readString(realm.server().logFile().orElseThrow(), StandardCharsets.UTF_8);
        assertThat(log).contains("Staff MFA enforcement is suspended in realm '" + realm.name() + "'")
            .contains("user 'ulla' logged in");

        try (TestClock later = TestClock.shiftedBy(realm.server(), Duration.ofHours(2).plusMinutes(1))) {
            HtmlPage asked = MfaPages.passwordStep(new WebClient(realm.server()), realm, "ulla", "ulla-pw");
            assertThat(MfaPages.isCodePage(asked)).as("the suspension ended by itself: " + asked.text()).isTrue();
            assertThat(realm.admin().get(emergency()).path("suspension").isNull()).isTrue();
            // Within a sweep of the server (every few seconds here), the sessions it let in end too.
            Instant deadline = Instant.now().plusSeconds(30);
            OidcClient.TokenResponse refreshed = OidcClient.staffCli(realm).refresh(grant.json().path("refresh_token").asText());
            while (refreshed.ok() && Instant.now().isBefore(deadline)) {
                Thread.sleep(300);
                refreshed = OidcClient.staffCli(realm).refresh(grant.json().path("refresh_token").asText());
            }
            assertThat(refreshed.ok()).as("the offline token taken during the suspension is void").isFalse();
        }
    }

    @Test
    void aSuspensionIsLimitedToADayAndToRealmManagers() {
        assertThat(suspendUntil(realm.admin(), Instant.now().plus(Duration.ofHours(25)), "Too long").statusCode())
            .isEqualTo(400);
        assertThat(suspendUntil(realm.admin(), Instant.now().minusSeconds(60), "In the past").statusCode()).isEqualTo(400);
        assertThat(suspendUntil(realm.admin(), Instant.now().plusSeconds(600), " ").statusCode()).as("a reason is needed")
            .isEqualTo(400);
        assertThat(realm.admin().put(emergency() + "/suspension", Map.of("until", "tomorrow", "reason", "x")).statusCode())
            .isEqualTo(400);
        assertThat(realm.admin().put(emergency() + "/disabled-factors", Map.of("factors", List.of("sms", "fax")))
            .statusCode()).isEqualTo(400);

        realm.admin().createUser(realm.name(), "officer", "officer-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "officer", "manage-mfa", "view-realm");
        AdminClient officer = AdminClient.asRealmUser(realm.server(), realm.name(), "officer", "officer-pw");
        assertThat(suspendUntil(officer, Instant.now().plusSeconds(600), "Outage").statusCode())
            .as("an MFA officer alone may not let everyone in").isEqualTo(403);
        assertThat(officer.put(emergency() + "/disabled-factors", Map.of("factors", List.of("email"))).statusCode())
            .isEqualTo(200);
        assertThat(suspendUntil(realm.admin(), Instant.now().plusSeconds(600), "Outage").statusCode()).isEqualTo(200);
        assertThat(officer.delete(emergency() + "/suspension").statusCode()).as("but may end one early").isEqualTo(200);
        assertThat(officer.put(emergency() + "/disabled-factors", Map.of("factors", List.of("totp", "webauthn", "sms", "email")))
            .statusCode()).as("not every factor a user can set up").isEqualTo(400);
        assertThat(realm.admin().get(emergency()).path("suspension").isNull()).isTrue();

        // An MFA administrator who logged in during the suspension passed no factor: she may end it, nothing else.
        realm.systemsUserWithApp("mira");
        realm.admin().grantRealmManagementRoles(realm.name(), "mira", "manage-mfa", "view-realm");
        assertThat(suspendUntil(realm.admin(), Instant.now().plusSeconds(600), "Outage").statusCode()).isEqualTo(200);
        // Its token comes from a password grant, which the suspension lets through without her code.
        AdminClient mira = AdminClient.asRealmUser(realm.server(), realm.name(), "mira", "mira-pw");
        assertThat(mira.put(emergency() + "/disabled-factors", Map.of("factors", List.of())).statusCode())
            .as("anything else needs her factor").isEqualTo(403);
        assertThat(mira.delete(emergency() + "/suspension").statusCode()).isEqualTo(200);
        assertThat(realm.admin().get(emergency()).path("suspension").isNull()).isTrue();

        realm.admin().createUser(realm.name(), "desk", "desk-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "desk", "manage-users", "view-users");
        AdminClient desk = AdminClient.asRealmUser(realm.server(), realm.name(), "desk", "desk-pw");
        assertThat(desk.put(emergency() + "/disabled-factors", Map.of("factors", List.of())).statusCode()).isEqualTo(403);
        assertThat(desk.delete(emergency() + "/suspension").statusCode()).isEqualTo(403);
    }

    @Test
    void aSuspensionWrittenIntoRealmAttributesByARealmUpdateIsNotHonoured() {
        // Switches live in the MFA settings store, not in realm attributes: a realm update cannot throw them.
        realm.systemsUserWithApp("vera");
        long now = Instant.now().getEpochSecond();
        ObjectNode representation = (ObjectNode) realm.admin().get(realm.adminPath());
        ((ObjectNode) representation.get("attributes"))
            .put("staff-mfa.emergency.suspended-at", Long.toString(now - 60))
            .put("staff-mfa.emergency.suspended-until", Long.toString(now + 7 * 86_400))
            .put("staff-mfa.emergency.suspended-by", "someone");
        assertThat(realm.admin().put(realm.adminPath(), representation).statusCode()).isEqualTo(204);

        HtmlPage asked = MfaPages.passwordStep(new WebClient(realm.server()), realm, "vera", "vera-pw");
        assertThat(MfaPages.isCodePage(asked)).as("a week-long suspension is no suspension: " + asked.text()).isTrue();
    }
}
