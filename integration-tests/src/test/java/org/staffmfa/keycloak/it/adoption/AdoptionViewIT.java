package org.staffmfa.keycloak.it.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * The adoption view ({@code …/staff-mfa/adoption}): counts per group and in total, and the users behind them — paged,
 * sorted, filtered, as CSV — on a realm with 130 extra users: 90 in a required group (60 with an authenticator app,
 * one of the others exempt), 40 in an allowed group whose deadline has passed (one with an SMS number).
 */
@RealKeycloakTest
class AdoptionViewIT {

    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> {
        Mails.sendTo(json, mail);
        ObjectNode adoption = ((ArrayNode) json.get("groups")).addObject().put("name", "adoption");
        ArrayNode subGroups = adoption.putArray("subGroups");
        subGroups.addObject().put("name", "done").putObject("attributes").putArray("staff-mfa.mode").add("required");
        ObjectNode late = subGroups.addObject().put("name", "late").putObject("attributes");
        late.putArray("staff-mfa.mode").add("allowed");
        late.putArray("staff-mfa.enrol-by").add("2020-01-01T00:00:00Z");
        ArrayNode users = json.has("users") ? (ArrayNode) json.get("users") : json.putArray("users");
        for (int i = 0; i < 90; i++) {
            ObjectNode user = user(users, String.format("u%03d", i), "/adoption/done");
            if (i == 7) {
                user.put("firstName", FORMULA);
            }
            if (i == 8) {
                user.put("lastName", "x;=cmd");
            }
            if (i < 60) {
                user.putArray("credentials").addObject().put("type", "otp").put("userLabel", "App")
                    .put("secretData", "{\"value\":\"JBSWY3DPEHPK3PXP\"}")
                    .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                        + "\"algorithm\":\"" + (i < 50 ? "HmacSHA1" : "HmacSHA256") + "\",\"secretEncoding\":\"BASE32\"}");
            }
        }
        for (int i = 0; i < 40; i++) {
            ObjectNode user = user(users, String.format("l%03d", i), "/adoption/late");
            if (i == 0) {
                user.putArray("credentials").add(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915100000099"));
            }
        }
    });

    private static ObjectNode user(ArrayNode users, String username, String group) {
        ObjectNode user = users.addObject().put("username", username).put("enabled", true)
            .put("email", username + "@library.example").put("firstName", username).put("lastName", "Adopter");
        user.putArray("groups").add(group);
        return user;
    }

    private static String adoption(String path) {
        return realm.adminPath() + "/staff-mfa/adoption" + path;
    }

    private static String groupId(String path) {
        return realm.admin().get(realm.adminPath() + "/group-by-path" + path).path("id").asText();
    }

    private static JsonNode group(JsonNode overview, String path) {
        for (JsonNode row : overview.path("groups")) {
            if (row.path("path").asText().equals(path)) {
                return row.path("stats");
            }
        }
        throw new AssertionError("No group " + path + " in " + overview);
    }

    @BeforeAll
    static void anExemptionAndASkip() {
        String u080 = realm.admin().user(realm.name(), "u080").path("id").asText();
        assertThat(realm.admin().post(realm.adminPath() + "/staff-mfa/users/" + u080 + "/exemptions",
            Map.of("reason", "Bookmobile without signal")).statusCode()).isEqualTo(201);
        realm.admin().createUser(realm.name(), "skipper", "skipper-pw", null, "/staff/cataloging");
        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "skipper", "skipper-pw");
        assertThat(MfaPages.skipEnrolment(web, chooser).redirectOutsideKeycloak()).isPresent();
    }

    @Test
    void countsPerGroupAndInTotal() {
        JsonNode overview = realm.admin().get(adoption(""));

        JsonNode done = group(overview, "/adoption/done");
        assertThat(done.path("users").asInt()).isEqualTo(90);
        assertThat(done.path("mfaAsked").asInt()).isEqualTo(90);
        assertThat(done.path("withFactor").asInt()).isEqualTo(60);
        assertThat(done.path("withoutFactor").asInt()).isEqualTo(30);
        assertThat(done.at("/byFactor/totp").asInt()).isEqualTo(60);
        assertThat(done.at("/appsByAlgorithm/SHA1").asInt()).as("the SHA-1 report").isEqualTo(50);
        assertThat(done.at("/appsByAlgorithm/SHA256").asInt()).isEqualTo(10);
        assertThat(done.at("/appsByAlgorithm/SHA512").asInt()).isZero();
        assertThat(done.path("exempt").asInt()).isEqualTo(1);
        assertThat(done.path("pastDeadline").asInt()).as("required without a grace: no deadline to pass").isZero();
        JsonNode late = group(overview, "/adoption/late");
        assertThat(late.path("users").asInt()).isEqualTo(40);
        assertThat(late.at("/byFactor/sms").asInt()).isEqualTo(1);
        assertThat(late.path("pastDeadline").asInt()).isEqualTo(39);
        assertThat(group(overview, "/adoption").path("users").asInt()).as("a group counts its subgroups").isEqualTo(130);
        JsonNode cataloging = group(overview, "/staff/cataloging");
        assertThat(cataloging.path("skipped").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.at("/totals/users").asInt()).isGreaterThanOrEqualTo(131);
        assertThat(overview.at("/totals/byFactor/totp").asInt()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void theUsersBehindACountArePagedSortedAndFiltered() {
        String done = groupId("/adoption/done");
        JsonNode first = realm.admin().get(adoption("/users?group=" + done + "&max=50"));
        assertThat(first.path("total").asInt()).isEqualTo(90);
        assertThat(first.path("users")).hasSize(50);
        assertThat(first.at("/users/0/username").asText()).isEqualTo("u000");
        JsonNode second = realm.admin().get(adoption("/users?group=" + done + "&first=50&max=50"));
        assertThat(second.path("users")).hasSize(40);
        assertThat(second.at("/users/39/username").asText()).isEqualTo("u089");
        JsonNode descending = realm.admin().get(adoption("/users?group=" + done + "&sort=username&order=desc&max=1"));
        assertThat(descending.at("/users/0/username").asText()).isEqualTo("u089");
        JsonNode without = realm.admin().get(adoption("/users?group=" + done + "&show=without-factor&max=500"));
        assertThat(without.path("total").asInt()).isEqualTo(30);
        assertThat(without.path("users").findValuesAsText("username")).contains("u060", "u089").doesNotContain("u000");
        JsonNode exempt = realm.admin().get(adoption("/users?group=" + done + "&show=exempt"));
        assertThat(exempt.path("users").findValuesAsText("username")).containsExactly("u080");
        assertThat(realm.admin().get(adoption("/users?show=exempt")).path("users").findValuesAsText("username"))
            .as("the demo realm's exempt user too").contains("u080", "erik");
        JsonNode past = realm.admin().get(adoption("/users?group=" + groupId("/adoption/late") + "&show=past-deadline&max=500"));
        assertThat(past.path("total").asInt()).isEqualTo(39);
        assertThat(past.path("users").findValuesAsText("username")).doesNotContain("l000");
        JsonNode skipped = realm.admin().get(adoption("/users?show=skipped&sort=skips&order=desc"));
        assertThat(skipped.at("/users/0/username").asText()).isEqualTo("skipper");
        assertThat(skipped.at("/users/0/skips").asInt()).isEqualTo(1);

        for (String query : List.of("?max=0", "?max=501", "?first=-1", "?show=everyone", "?sort=password", "?order=up")) {
            HttpResponse<String> refused = realm.admin().getResponse(adoption("/users" + query));
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
        }
        assertThat(realm.admin().getResponse(adoption("/users?group=no-such-group")).statusCode()).isEqualTo(404);
    }

    @Test
    void theCsvHoldsTheSameUsersAndNoFormula() {
        String done = groupId("/adoption/done");
        HttpResponse<String> csv = realm.admin().getResponse(adoption("/users.csv?group=" + done));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(91);
        assertThat(lines.get(0)).isEqualTo("username,first name,last name,email,enabled,mode,factors,app algorithms,"
            + "has factor,skips,exempt,past deadline");
        assertThat(lines.get(1)).isEqualTo("u000,u000,Adopter,u000@library.example,true,required,totp,SHA1,true,0,false,false");
        assertThat(lines.get(51)).startsWith("u050,").contains(",totp,SHA256,true,");
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")
            .doesNotContain(",=HYPERLINK");
        assertThat(csv.body()).as("a semicolon keeps the cell whole").contains(",\"x;=cmd\",");
    }

    @Test
    void countsNeedMfaViewRightsAndNamesTheRightToViewUsers() {
        realm.admin().createUser(realm.name(), "auditor", "auditor-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "auditor", "view-realm");
        AdminClient auditor = AdminClient.asRealmUser(realm.server(), realm.name(), "auditor", "auditor-pw");
        assertThat(auditor.getResponse(adoption("")).statusCode()).isEqualTo(200);
        assertThat(auditor.getResponse(adoption("/users")).statusCode()).isEqualTo(403);
        assertThat(auditor.getResponse(adoption("/users.csv")).statusCode()).isEqualTo(403);
        realm.admin().createUser(realm.name(), "officer", "officer-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "officer", "manage-mfa");
        AdminClient officer = AdminClient.asRealmUser(realm.server(), realm.name(), "officer", "officer-pw");
        assertThat(officer.getResponse(adoption("")).statusCode()).isEqualTo(200);
        assertThat(officer.getResponse(adoption("/users")).statusCode()).as("names and addresses need view-users").isEqualTo(403);
        realm.admin().createUser(realm.name(), "nobody", "nobody-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "nobody", "query-groups");
        AdminClient nobody = AdminClient.asRealmUser(realm.server(), realm.name(), "nobody", "nobody-pw");
        assertThat(nobody.getResponse(adoption("")).statusCode()).isEqualTo(403);
    }
}
