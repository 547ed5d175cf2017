package org.staffmfa.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * The MFA admin API: who may do what (Evergreen's ADMIN_MFA and REMOVE_USER_MFA as the roles manage-mfa and
 * remove-user-mfa), strict input checks, the explain view, admin events and the user's email notices.
 */
@RealKeycloakTest
class MfaAdministrationIT {

    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> Mails.sendTo(json, mail));

    /** manage-mfa: group settings, exemptions. */
    static AdminClient mfaAdmin;
    /** remove-user-mfa: other users' factors and remembered browsers. */
    static AdminClient remover;
    /** manage-users (and view/query) only: a help-desk administrator without MFA rights. */
    static AdminClient helpdesk;

    @BeforeAll
    static void administrators() {
        mfaAdmin = administrator("mfa-admin", "manage-mfa", "view-users", "query-users", "query-groups", "view-clients");
        remover = administrator("mfa-remover", "remove-user-mfa", "view-users", "query-users");
        helpdesk = administrator("helpdesk", "manage-users", "view-users", "query-users", "query-groups", "view-clients");
    }

    private static AdminClient administrator(String username, String... roles) {
        realm.admin().createUser(realm.name(), username, username + "-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), username, roles);
        return AdminClient.asRealmUser(realm.server(), realm.name(), username, username + "-pw");
    }

    private String userId(String username) {
        return realm.admin().user(realm.name(), username).get("id").asText();
    }

    private String groupId(String path) {
        return realm.admin().get(realm.adminPath() + "/group-by-path" + path).get("id").asText();
    }

    private String clientUuid(String clientId) {
        return realm.admin().get(realm.adminPath() + "/clients?clientId=" + clientId).get(0).get("id").asText();
    }

    private String mfa(String path) {
        return realm.adminPath() + "/staff-mfa" + path;
    }

    private String credentialId(String username, String type) {
        JsonNode credentials = realm.admin().userCredentials(realm.name(), username);
        return StreamSupport.stream(credentials.spliterator(), false)
            .filter(credential -> credential.path("type").asText().equals(type))
            .findFirst().orElseThrow().get("id").asText();
    }

    private static void assertBadRequest(HttpResponse<String> response, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).contains("invalid_request").contains(messagePart);
    }

    @Test
    void aHelpdeskAdministratorWithManageUsersCannotDoAnyMfaOperation() {
        String userId = realm.admin().createUser(realm.name(), "gus", "gus-pw", SECRET, "/staff/systems");
        String otpId = credentialId("gus", "otp");
        String systems = groupId("/staff/systems");
        String sip2 = clientUuid("sip2-gateway");
        String before = realm.admin().get(mfa("/groups/" + systems)).toString();

        List<HttpResponse<String>> attempts = new ArrayList<>(List.of(
            helpdesk.put(mfa("/groups/" + systems), Map.of("mode", "off")),
            helpdesk.delete(mfa("/groups/" + systems)),
            helpdesk.put(mfa("/clients/" + clientUuid("evergreen-staff") + "/exemption"), Map.of("reason", "quicker")),
            helpdesk.delete(mfa("/clients/" + sip2 + "/exemption")),
            helpdesk.post(mfa("/users/" + userId + "/exemptions"), Map.of("reason", "quicker")),
            helpdesk.delete(mfa("/users/" + userId + "/factors/" + otpId)),
            helpdesk.delete(mfa("/users/" + userId + "/remembered-browsers")),
            helpdesk.put(mfa("/settings"), Map.of("defaults", Map.of("mode", "off")))));

        assertThat(attempts).allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(403));
        assertThat(realm.admin().get(mfa("/groups/" + systems)).toString()).isEqualTo(before);
        assertThat(realm.admin().userCredentials(realm.name(), "gus").toString()).contains(otpId);
        assertThat(realm.admin().get(mfa("/clients/" + sip2 + "/exemption")).path("clientId").asText()).isEqualTo("sip2-gateway");
        assertThat(realm.admin().get(mfa("/users/" + userId + "/exemptions")).size()).isZero();
        // The same for an MFA admin who lacks remove-user-mfa, and for a factor remover who lacks manage-mfa.
        assertThat(mfaAdmin.delete(mfa("/users/" + userId + "/factors/" + otpId)).statusCode()).isEqualTo(403);
        assertThat(remover.put(mfa("/groups/" + systems), Map.of("mode", "off")).statusCode()).isEqualTo(403);
    }

    @Test
    void groupAttributesThatAManageUsersAdminCanEditAreNotRead() {
        String systems = groupId("/staff/systems");
        ObjectNode group = (ObjectNode) helpdesk.get(realm.adminPath() + "/groups/" + systems);
        group.putObject("attributes").putArray("staff-mfa.mode").add("off");
        assertThat(helpdesk.put(realm.adminPath() + "/groups/" + systems, group).statusCode()).isEqualTo(204);
        try {
            // carol is in /staff/systems (required): still asked for her code.
            assertThat(MfaPages.isCodePage(MfaPages.passwordStep(new WebClient(realm.server()), realm, "carol", "carol-demo")))
                .isTrue();
        } finally {
            group.putObject("attributes");
            realm.admin().put(realm.adminPath() + "/groups/" + systems, group);
        }
    }

    @Test
    void anMfaAdminSetsAGroupPolicyAndTheUserStatusExplainsIt() {
        realm.admin().post(realm.adminPath() + "/groups/" + groupId("/staff") + "/children", Map.of("name", "reference"));
        String reference = groupId("/staff/reference");
        String userId = realm.admin().createUser(realm.name(), "rita", "rita-pw", null, "/staff/reference", "/staff/circulation");

        JsonNode inherited = mfaAdmin.get(mfa("/users/" + userId)).get("policy");
        assertThat(inherited.get("mode").asText()).isEqualTo("allowed");

        HttpResponse<String> set = mfaAdmin.put(mfa("/groups/" + reference),
            Map.of("mode", "required", "factors", List.of("webauthn", "totp"), "recheckInterval", "3600"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        JsonNode status = mfaAdmin.get(mfa("/users/" + userId));
        JsonNode policy = status.get("policy");
        assertThat(policy.get("mode").asText()).isEqualTo("required");
        assertThat(policy.get("factors").toString()).isEqualTo("[\"totp\",\"webauthn\"]");
        assertThat(policy.get("recheckInterval").asText()).isEqualTo("PT1H");
        JsonNode decided = policy.get("decidingGroups").get(0);
        assertThat(decided.get("group").asText()).isEqualTo("/staff/reference");
        assertThat(decided.get("modeFrom").asText()).isEqualTo("/staff/reference");
        // Not assigned on the group itself: inherited from /staff.
        assertThat(decided.get("rememberBrowserFrom").asText()).isIn("/staff", "realm default");
        assertThat(policy.get("otherGroups").get(0).get("group").asText()).isEqualTo("/staff/circulation");
        assertThat(status.get("factors").size()).isZero();
        assertThat(status.get("enrolment").get("pending").asBoolean()).isFalse();

        JsonNode event = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=GROUP&operationTypes=UPDATE").get(0);
        assertThat(event.path("resourcePath").asText()).isEqualTo("groups/" + reference + "/staff-mfa");
        assertThat(event.path("details").path("staff_mfa_action").asText()).isEqualTo("set-group-policy");
        assertThat(event.path("authDetails").path("userId").asText()).isEqualTo(userId("mfa-admin"));

        assertThat(mfaAdmin.delete(mfa("/groups/" + reference)).statusCode()).isEqualTo(204);
        assertThat(mfaAdmin.get(mfa("/users/" + userId)).get("policy").get("mode").asText()).isEqualTo("allowed");
    }

    @Test
    void badGroupSettingsAreRefusedWithAClearMessageAndChangeNothing() {
        String systems = groupId("/staff/systems");
        String before = mfaAdmin.get(mfa("/groups/" + systems)).toString();

        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("mode", "requried")), "\\\"mode\\\" must be one of");
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("factors", List.of("totp", "carrier-pigeon"))),
            "Unknown factor");
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("factors", List.of())), "factors");
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("recheckInterval", "-PT1H")), "recheckInterval");
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("recheckInterval", "twelve hours")), "recheckInterval");
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("rememberBrowser", "sometimes")), "rememberBrowser");
        assertBadRequest(mfaAdmin.put(mfa("/settings"), Map.of("freshVerification", "P1D")), "freshVerification");
        assertThat(mfaAdmin.put(mfa("/groups/" + systems), Map.of("mode", "required", "colour", "red")).statusCode())
            .isEqualTo(400);
        assertThat(mfaAdmin.put(mfa("/groups/no-such-group"), Map.of("mode", "required")).statusCode()).isEqualTo(404);
        assertThat(mfaAdmin.delete(mfa("/users/no-such-user/exemptions/x")).statusCode()).isEqualTo(404);
        // Non-ASCII look-alikes, an oversized list, a body of the wrong JSON type.
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("mode", "réquired")), "\\\"mode\\\" must be one of");
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("recheckInterval", "P１D")), "recheckInterval");
        assertBadRequest(mfaAdmin.put(mfa("/groups/" + systems), Map.of("factors", Collections.nCopies(1000, "totp"))),
            "factors");
        assertThat(mfaAdmin.put(mfa("/groups/" + systems), "required").statusCode()).isEqualTo(400);
        assertBadRequest(mfaAdmin.put(mfa("/clients/" + clientUuid("alma") + "/exemption"), Map.of("reason", "line\u0007bell")),
            "reason");

        assertThat(mfaAdmin.get(mfa("/groups/" + systems)).toString()).isEqualTo(before);
        assertThat(mfaAdmin.get(mfa("/clients")).toString()).doesNotContain("\"alma\"");
    }

    @Test
    void clientExemptionsAreGrantedAndRevokedOnlyThroughTheApiWithAReason() {
        String alma = clientUuid("alma");
        assertBadRequest(mfaAdmin.put(mfa("/clients/" + alma + "/exemption"), Map.of("reason", " ")), "reason");
        assertBadRequest(mfaAdmin.put(mfa("/clients/" + alma + "/exemption"), Map.of("reason", "x".repeat(501))), "reason");
        assertThat(mfaAdmin.get(mfa("/clients")).toString()).doesNotContain("\"alma\"");

        HttpResponse<String> granted = mfaAdmin.put(mfa("/clients/" + alma + "/exemption"), Map.of("reason", "Batch loader"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(mfaAdmin.get(mfa("/clients")).toString()).contains("\"alma\"").contains("Batch loader").contains("mfa-admin");
        JsonNode event = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=CLIENT").get(0);
        assertThat(event.path("resourcePath").asText()).isEqualTo("clients/" + alma + "/staff-mfa/exemption");
        assertThat(event.path("details").path("staff_mfa_action").asText()).isEqualTo("grant-client-exemption");

        assertThat(mfaAdmin.delete(mfa("/clients/" + alma + "/exemption")).statusCode()).isEqualTo(204);
        assertThat(mfaAdmin.get(mfa("/clients")).toString()).doesNotContain("\"alma\"");
        assertThat(mfaAdmin.delete(mfa("/clients/" + alma + "/exemption")).statusCode()).isEqualTo(404);
    }

    @Test
    void aFactorRemoverRemovesAFactorTheUserIsToldAndItIsAudited() throws Exception {
        String userId = realm.admin().createUser(realm.name(), "otto", "otto-pw", SECRET, "/staff/systems");
        String otpId = credentialId("otto", "otp");
        String passwordId = credentialId("otto", "password");
        JsonNode listed = remover.get(mfa("/users/" + userId)).get("factors");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(otpId);
        assertThat(listed.get(0).get("factor").asText()).isEqualTo("totp");
        assertThat(listed.get(0).get("allowed").asBoolean()).isTrue();

        assertBadRequest(remover.delete(mfa("/users/" + userId + "/factors/" + passwordId)), "not a second factor");
        assertThat(remover.delete(mfa("/users/" + userId + "/factors/no-such-credential")).statusCode()).isEqualTo(404);
        Set<String> mailsBefore = Mails.seen(mail);

        assertThat(remover.delete(mfa("/users/" + userId + "/factors/" + otpId)).statusCode()).isEqualTo(204);

        assertThat(realm.admin().userCredentials(realm.name(), "otto").toString()).doesNotContain(otpId).contains(passwordId);
        JsonNode event = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=USER&operationTypes=DELETE").get(0);
        assertThat(event.path("resourcePath").asText()).isEqualTo("users/" + userId + "/staff-mfa/factors/" + otpId);
        assertThat(event.path("details").path("staff_mfa_action").asText()).isEqualTo("remove-factor");
        assertThat(event.path("details").path("username").asText()).isEqualTo("otto");
        assertThat(event.path("authDetails").path("userId").asText()).isEqualTo(userId("mfa-remover"));
        MimeMessage notice = Mails.awaitMail(mail, mailsBefore, "otto@library.example", "removed a second factor");
        assertThat(notice.getSubject()).contains("An administrator removed a second factor");
        assertThat(Mails.plainText(notice)).contains("Authenticator app").contains("mfa-remover");
        // Required and no factor left: the next login enrols again.
        assertThat(MfaPages.isEnrolChooser(MfaPages.passwordStep(new WebClient(realm.server()), realm, "otto", "otto-pw")))
            .isTrue();
    }

    @Test
    void withActiveConsentTheRemoverMustTypeTheUsersPassword() {
        String userId = realm.admin().createUser(realm.name(), "ulla", "ulla-pw", SECRET, "/staff/systems");
        String otpId = credentialId("ulla", "otp");
        assertThat(mfaAdmin.put(mfa("/settings"), Map.of("removalRequiresUserPassword", true)).statusCode()).isEqualTo(200);
        try {
            assertBadRequest(remover.delete(mfa("/users/" + userId + "/factors/" + otpId)), "userPassword");
            assertBadRequest(remover.deleteWithBody(mfa("/users/" + userId + "/factors/" + otpId),
                Map.of("userPassword", "wrong")), "userPassword");
            assertThat(realm.admin().userCredentials(realm.name(), "ulla").toString()).contains(otpId);

            assertThat(remover.deleteWithBody(mfa("/users/" + userId + "/factors/" + otpId),
                Map.of("userPassword", "ulla-pw")).statusCode()).isEqualTo(204);
            assertThat(realm.admin().userCredentials(realm.name(), "ulla").toString()).doesNotContain(otpId);
        } finally {
            mfaAdmin.put(mfa("/settings"), Map.of());
        }
        assertThat(mfaAdmin.get(mfa("/settings")).get("removalRequiresUserPassword").asBoolean()).isFalse();
    }

    @Test
    void durationsAreAnsweredAsTheAdministratorWroteThemNotAsJavaWritesThem() {
        try {
            assertThat(mfaAdmin.put(mfa("/settings"), Map.of("maxRecheckInterval", "P30D", "freshVerification", "300"))
                .statusCode()).isEqualTo(200);
            assertThat(mfaAdmin.get(mfa("/settings")).get("maxRecheckInterval").asText()).isEqualTo("P30D");
            assertThat(mfaAdmin.get(mfa("/settings")).get("freshVerification").asText()).isEqualTo("PT5M");
        } finally {
            mfaAdmin.put(mfa("/settings"), Map.of());
        }
    }

    @Test
    void aUserIsToldWhenTheyAreExemptedInTheirLanguage() throws Exception {
        String userId = realm.admin().createUser(realm.name(), "vera", "vera-pw", null, "/staff/systems");
        JsonNode user = realm.admin().user(realm.name(), "vera");
        ((ObjectNode) user).putObject("attributes").putArray("locale").add("de");
        realm.admin().put(realm.adminPath() + "/users/" + userId, user);
        Set<String> mailsBefore = Mails.seen(mail);

        assertThat(mfaAdmin.post(mfa("/users/" + userId + "/exemptions"),
            Map.of("reason", "Bücherbus ohne Handyempfang", "expires", "2030-06-30T00:00:00Z")).statusCode()).isEqualTo(201);

        MimeMessage notice = Mails.awaitMail(mail, mailsBefore, "vera@library.example", "befreit");
        assertThat(notice.getSubject()).contains("vom zweiten Faktor befreit");
        assertThat(Mails.plainText(notice)).contains("Bücherbus ohne Handyempfang").contains("2030-06-30").contains("mfa-admin");
    }
}
