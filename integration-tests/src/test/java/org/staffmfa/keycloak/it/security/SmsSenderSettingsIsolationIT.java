package org.staffmfa.keycloak.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.CodeSettingsFixture;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.ServerOptions;
import org.staffmfa.keycloak.it.support.SmsGateway;
import org.staffmfa.keycloak.it.support.TestSettings;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Security review, item 4: the server's SMS gateway credentials (options {@code --spi-mfa-sms-sender--...}, set by
 * whoever runs Keycloak) never travel to a URL a realm administrator chose. A realm either brings its sender's whole
 * set of settings or uses the server's whole set. Events that realm administrators read do not carry what a
 * realm-chosen URL answered (no blind probing of the internal network through the event log).
 */
@RealKeycloakTest
class SmsSenderSettingsIsolationIT {

    @RegisterExtension
    @Order(1)
    static final SmsGateway attacker = new SmsGateway();

    @RegisterExtension
    @Order(2)
    static final DemoRealm realm = new DemoRealm(json -> json.put("quickLoginCheckMilliSeconds", 0));

    private static final java.util.concurrent.atomic.AtomicInteger USERS = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void harnessStartedServer() {
        assertThat(realm.server().logFile()).as("needs the server options of the harness-started Keycloak").isPresent();
    }

    /** The realm's SMS settings through the MFA admin API: exactly these sender settings, no others left over. */
    private void smsSettings(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        for (String option : List.of("sender", "twilio.base-url", "twilio.account-sid", "twilio.auth-token", "twilio.from",
            "http.url", "http.bearer-token")) {
            all.put(option, null);
        }
        all.putAll(settings);
        CodeSettingsFixture.change(realm.admin(), realm.name(), "sms", all);
    }

    /** A user of a required group with an SMS factor, at the point where the code is sent. */
    private HtmlPage smsLogin() {
        String username = "sms" + USERS.incrementAndGet();
        realm.admin().createUserWithCredentials(realm.name(), username, username + "-pw", List.of(),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915187650000")), "/staff/systems");
        return MfaPages.passwordStep(new WebClient(realm.server()), realm, username, username + "-pw");
    }

    private static boolean carriesServerSecret(SmsGateway.Received request) {
        String authorization = String.valueOf(request.header("Authorization"));
        String decoded = authorization.startsWith("Basic ")
            ? new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8) : authorization;
        return decoded.contains(ServerOptions.SERVER_SMS_SECRET) || request.body().contains(ServerOptions.SERVER_SMS_SECRET);
    }

    @Test
    void aRealmChosenTwilioUrlNeverReceivesTheServersAuthToken() {
        smsSettings(Map.of("sender", "twilio", "twilio.base-url", attacker.baseUrl() + "/twilio"));
        int before = attacker.count();

        HtmlPage page = smsLogin();

        assertThat(attacker.all().stream().skip(before).noneMatch(SmsSenderSettingsIsolationIT::carriesServerSecret))
            .as("the server's Twilio token reached the realm's URL").isTrue();
        assertThat(attacker.count()).as("an incomplete realm set sends nothing").isEqualTo(before);
        assertThat(MfaPages.alert(page)).contains("could not send the code");
    }

    @Test
    void aRealmsOwnSettingsCannotNameTheVaultEntryOfTheServersSecret() throws Exception {
        Files.writeString(TestSettings.vaultDir().resolve(realm.name() + "_" + ServerOptions.SERVER_SMS_VAULT_KEY),
            ServerOptions.SERVER_SMS_SECRET);
        smsSettings(Map.of("sender", "twilio", "twilio.base-url", attacker.baseUrl() + "/twilio",
            "twilio.account-sid", "ACrealm", "twilio.from", "+15550002222"));
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
            realm.admin().get(realm.adminPath() + "/staff-mfa/code-settings/sms").get("settings").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("senderOptions").get("twilio"))
            .put("auth-token", "${vault." + ServerOptions.SERVER_SMS_VAULT_KEY + "}");

        var refused = realm.admin().put(realm.adminPath() + "/staff-mfa/code-settings/sms", body);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("twilio.auth-token").contains("server's own SMS sender settings")
            .doesNotContain(ServerOptions.SERVER_SMS_SECRET);
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/code-settings/sms")
            .at("/settings/senderOptions/twilio").has("auth-token")).as("nothing stored").isFalse();
        int before = attacker.count();
        HtmlPage page = smsLogin();
        assertThat(attacker.all().stream().skip(before).noneMatch(SmsSenderSettingsIsolationIT::carriesServerSecret))
            .as("the server's Twilio token reached the realm's URL through the vault").isTrue();
        assertThat(MfaPages.alert(page)).contains("could not send the code");
    }

    @Test
    void aRealmChosenHttpUrlNeverReceivesTheServersBearerToken() {
        smsSettings(Map.of("sender", "http", "http.url", attacker.baseUrl() + "/sms"));
        int before = attacker.count();

        HtmlPage page = smsLogin();

        assertThat(attacker.count()).as(page.text()).isEqualTo(before + 1);
        SmsGateway.Received request = attacker.next(before);
        assertThat(carriesServerSecret(request)).as(String.valueOf(request.headers())).isFalse();
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void whatARealmChosenUrlAnswersStaysOutOfTheEvents() {
        smsSettings(Map.of("sender", "http", "http.url", attacker.baseUrl() + "/probe"));
        attacker.answerWith(418);
        HtmlPage page;
        try {
            page = smsLogin();
        } finally {
            attacker.answerWith(200);
        }

        assertThat(MfaPages.alert(page)).contains("could not send the code");
        JsonNode event = realm.admin().events(realm.name(), "LOGIN_ERROR").get(0);
        assertThat(event.path("error").asText()).isEqualTo("mfa_code_not_sent");
        assertThat(event.path("details").toString()).doesNotContain("418").doesNotContain(attacker.baseUrl())
            .doesNotContain("127.0.0.1");
        assertThat(event.path("details").path("reason").asText()).isEqualTo("sms-gateway-failed");
    }
}
