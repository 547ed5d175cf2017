package org.staffmfa.keycloak.it.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.SmsGateway;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Email and SMS code settings through the MFA admin API ({@code …/staff-mfa/code-settings/{channel}}): they apply to
 * the next code, survive a realm update that replaces the attribute map, keep secrets out of every answer and event,
 * refuse hostile values, and cannot be changed past the API's rules through Keycloak's component endpoint.
 */
@RealKeycloakTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CodeSettingsApiIT {

    private static final String SECRET = "s3cr3t-bearer-token";

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final SmsGateway gateway = new SmsGateway();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> Mails.sendTo(json, mail));

    private static String path(String channel) {
        return realm.adminPath() + "/staff-mfa/code-settings/" + channel;
    }

    private static ObjectNode smsSettings() {
        ObjectNode body = AdminClient.json().put("codeLength", 8).put("codeValidityMinutes", 5).put("maxAttempts", 3)
            .put("defaultRegion", "de").put("sender", "http");
        body.putObject("senderOptions").putObject("http").put("url", gateway.baseUrl() + "/sms").put("bearer-token", SECRET);
        return body;
    }

    /** A required user at the SMS code page of the enrolment; returns the gateway's request. */
    private static SmsGateway.Received enrolSms(String username, String nationalNumber) {
        realm.admin().createUser(realm.name(), username, username + "-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, username, username + "-pw");
        assertThat(MfaPages.isEnrolChooser(chooser)).as(chooser.status() + " " + chooser.url() + " " + chooser.body()).isTrue();
        HtmlPage numberPage = web.submit(chooser.form(MfaPages.ENROL_FORM).set("factor", "sms"));
        int before = gateway.count();
        HtmlPage codePage = web.submit(numberPage.form("#staff-mfa-target-form").set("target", nationalNumber));
        assertThat(codePage.has("#staff-mfa-contact-code-form")).as(codePage.text()).isTrue();
        return gateway.next(before);
    }

    @Test
    @Order(1)
    void savedSettingsApplyToTheNextCodeAndSecretsNeverComeBack() {
        HttpResponse<String> saved = realm.admin().put(path("sms"), smsSettings());

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(SECRET);
        JsonNode view = realm.admin().get(path("sms"));
        assertThat(view.path("storedIn").asText()).isEqualTo("stored");
        assertThat(view.at("/settings/codeLength").asInt()).isEqualTo(8);
        assertThat(view.at("/settings/defaultRegion").asText()).isEqualTo("DE");
        assertThat(view.at("/settings/senderOptions/http/bearer-token").asText()).isEqualTo("**********");
        assertThat(view.at("/defaults/codeValidityMinutes").asInt()).isEqualTo(15);
        assertThat(view.path("senders").findValuesAsText("id")).contains("http", "twilio", "log", "email-gateway");
        JsonNode event = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=REALM&operationTypes=UPDATE").get(0);
        assertThat(event.path("resourcePath").asText()).isEqualTo("staff-mfa/code-settings/sms");
        assertThat(event.toString()).doesNotContain(SECRET);

        SmsGateway.Received sms = enrolSms("otto", "0151 23456789");

        assertThat(sms.code()).hasSize(8);
        assertThat(sms.body()).contains("+4915123456789").contains("5 minutes");
        assertThat(sms.header("Authorization")).isEqualTo("Bearer " + SECRET);
    }

    @Test
    @Order(2)
    void aRealmUpdateThatReplacesTheAttributesLeavesThemAlone() {
        ObjectNode representation = (ObjectNode) realm.admin().get(realm.adminPath());
        representation.putObject("attributes");
        assertThat(realm.admin().put(realm.adminPath(), representation).statusCode()).isEqualTo(204);

        assertThat(realm.admin().get(path("sms")).at("/settings/codeLength").asInt()).isEqualTo(8);
        SmsGateway.Received sms = enrolSms("olga", "0151 23456780");
        assertThat(sms.code()).hasSize(8);
        assertThat(sms.header("Authorization")).isEqualTo("Bearer " + SECRET);
    }

    @Test
    @Order(3)
    void aSecretSentBackAsStoredIsKeptAndAReplacedOneIsUsed() {
        ObjectNode body = (ObjectNode) realm.admin().get(path("sms")).get("settings").deepCopy();
        body.put("codeLength", 7);
        assertThat(realm.admin().put(path("sms"), body).statusCode()).isEqualTo(200);
        SmsGateway.Received kept = enrolSms("oskar", "0151 23456781");
        assertThat(kept.code()).hasSize(7);
        assertThat(kept.header("Authorization")).isEqualTo("Bearer " + SECRET);

        ((ObjectNode) body.at("/senderOptions/http")).put("bearer-token", "new-" + SECRET);
        assertThat(realm.admin().put(path("sms"), body).statusCode()).isEqualTo(200);
        assertThat(enrolSms("oda", "0151 23456782").header("Authorization")).isEqualTo("Bearer new-" + SECRET);
    }

    @Test
    @Order(4)
    void hostileValuesAreRefusedAndChangeNothing() {
        JsonNode before = realm.admin().get(path("sms")).get("settings");
        String longUrl = "http://x.example/" + "a".repeat(3000);
        List<String> bodies = List.of(
            "{\"codeLength\": 5}", "{\"codeLength\": 9}", "{\"codeLength\": \"8\u0660\"}", "{\"codeValidityMinutes\": 0}",
            "{\"codeValidityMinutes\": 2147483647}", "{\"resendIntervalSeconds\": -1}", "{\"maxAttempts\": 0}",
            "{\"maxMessagesPerHour\": 100000}", "{\"sender\": \"nope\"}", "{\"sender\": \"h\u00e9ttp\"}",
            "{\"defaultRegion\": \"ZZ\"}", "{\"defaultRegion\": \"D\u00c9\"}",
            "{\"senderOptions\": {\"http\": {\"nope\": \"x\"}}}", "{\"senderOptions\": {\"nope\": {\"url\": \"x\"}}}",
            "{\"senderOptions\": {\"http\": {\"url\": \"" + longUrl + "\"}}}",
            "{\"senderOptions\": {\"http\": {\"url\": \"http://a\\u0000b\"}}}",
            "{\"senderOptions\": {\"twilio\": {\"auth-token\": \"**********\"}}}",
            "{\"unknown\": 1}", "{\"codeLength\": {}}", "[]", "{");
        for (String body : bodies) {
            HttpResponse<String> refused = realm.admin().put(path("sms"), new AdminClient.RawJson(body));
            assertThat(refused.statusCode()).as(body.length() > 100 ? body.substring(0, 100) : body).isEqualTo(400);
            assertThat(refused.body()).doesNotContain(SECRET).doesNotContain("aaaaaaaaaa");
        }
        HttpResponse<String> emailWithSender = realm.admin().put(path("email"), new AdminClient.RawJson("{\"sender\": \"http\"}"));
        assertThat(emailWithSender.statusCode()).isEqualTo(400);
        assertThat(realm.admin().put(path("fax"), AdminClient.json()).statusCode()).isEqualTo(404);

        assertThat(realm.admin().get(path("sms")).get("settings")).isEqualTo(before);
    }

    @Test
    @Order(5)
    void onlyMfaManagersChangeThemAndKeycloaksComponentEndpointIsNoWayAround() {
        realm.admin().createUser(realm.name(), "viewer", "viewer-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "viewer", "view-realm");
        AdminClient viewer = AdminClient.asRealmUser(realm.server(), realm.name(), "viewer", "viewer-pw");
        assertThat(viewer.get(path("sms")).at("/settings/codeLength").asInt()).isEqualTo(7);
        assertThat(viewer.put(path("sms"), smsSettings()).statusCode()).isEqualTo(403);

        realm.admin().createUser(realm.name(), "officer", "officer-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "officer", "manage-mfa", "view-realm");
        AdminClient officer = AdminClient.asRealmUser(realm.server(), realm.name(), "officer", "officer-pw");
        ObjectNode current = (ObjectNode) officer.get(path("sms")).get("settings").deepCopy();
        ObjectNode redirected = current.deepCopy();
        ((ObjectNode) redirected.at("/senderOptions/http")).put("url", "https://officer.example/collect");
        assertThat(officer.put(path("sms"), redirected).statusCode()).as("where codes go needs manage-realm").isEqualTo(403);
        ObjectNode longer = current.deepCopy().put("maxAttempts", 4);
        assertThat(officer.put(path("sms"), longer).statusCode()).as("how codes work is the officer's").isEqualTo(200);
        // A stored secret never travels to a new gateway address, whoever asks.
        HttpResponse<String> keptSecretNewUrl = realm.admin().put(path("sms"), redirected);
        assertThat(keptSecretNewUrl.statusCode()).isEqualTo(400);
        assertThat(keptSecretNewUrl.body()).contains("bearer-token");

        realm.admin().createUser(realm.name(), "steward", "steward-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "steward", "manage-realm", "view-realm");
        AdminClient steward = AdminClient.asRealmUser(realm.server(), realm.name(), "steward", "steward-pw");
        String type = "org.staffmfa.keycloak.channelsettings.ChannelSettingsProvider";
        HttpResponse<String> listed = steward.getResponse(realm.adminPath() + "/components?type=" + type);
        assertThat(listed.body()).doesNotContain(SECRET);
        ObjectNode component = AdminClient.json().put("name", "sneaky").put("providerId", "staff-mfa-code-channel")
            .put("providerType", type).put("subType", "sms").put("parentId", realmId());
        component.putObject("config").putArray("code-length").add("4");
        HttpResponse<String> created = steward.post(realm.adminPath() + "/components", component);
        // Keycloak 26.7 keeps internal components off the endpoint (403); 26.4 and 26.5 validate them (400).
        assertThat(created.statusCode()).as(created.body()).isIn(400, 403);
        ((ObjectNode) component.get("config")).putArray("code-length").add("6");
        HttpResponse<String> second = steward.post(realm.adminPath() + "/components", component);
        assertThat(second.statusCode()).as("a second set of SMS settings beside the stored one").isIn(400, 403);
        assertThat(realm.admin().get(path("sms")).at("/settings/codeLength").asInt()).isEqualTo(7);
    }

    @Test
    @Order(6)
    void settingsStillInRealmAttributesAreReadReportedAndMovedBySavingOnce() {
        realm.admin().setRealmAttributes(realm.name(), Map.of("staff-mfa.email.code-length", "8"));
        JsonNode view = realm.admin().get(path("email"));
        assertThat(view.path("storedIn").asText()).isEqualTo("realm-attributes");
        assertThat(view.at("/settings/codeLength").asInt()).isEqualTo(8);
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/health").path("findings").findValuesAsText("id"))
            .contains("code-settings-in-realm-attributes");
        Set<String> seen = Mails.seen(mail);
        realm.admin().createUser(realm.name(), "erna", "erna-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "erna", "erna-pw");
        HtmlPage addressPage = web.submit(chooser.form(MfaPages.ENROL_FORM).set("factor", "email"));
        web.submit(addressPage.form("#staff-mfa-target-form").set("target", "erna@library.example"));
        assertThat(Mails.awaitCode(mail, seen, "erna@library.example")).hasSize(8);

        assertThat(realm.admin().put(path("email"), view.get("settings")).statusCode()).isEqualTo(200);

        assertThat(realm.admin().get(path("email")).path("storedIn").asText()).isEqualTo("stored");
        assertThat(realm.admin().get(realm.adminPath()).path("attributes").has("staff-mfa.email.code-length")).isFalse();
        assertThat(realm.admin().get(path("email")).at("/settings/codeLength").asInt()).isEqualTo(8);
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/health").path("findings").findValuesAsText("id"))
            .doesNotContain("code-settings-in-realm-attributes");
    }

    private static String realmId() {
        return realm.admin().get(realm.adminPath()).path("id").asText();
    }
}
