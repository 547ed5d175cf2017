package org.staffmfa.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;

/**
 * The set-up health check ({@code GET …/staff-mfa/health}): the demo realm, fully set up, has no finding; each hole an
 * administrator can leave produces its finding, with the subject it is about, and the finding is gone once fixed.
 */
@RealKeycloakTest
class SetupHealthIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    private static JsonNode health() {
        return realm.admin().get(realm.adminPath() + "/staff-mfa/health");
    }

    private static List<String> findings() {
        return health().path("findings").findValuesAsText("id").stream().toList();
    }

    private static JsonNode finding(String id) {
        return findingIn(health(), id);
    }

    private static List<String> ids(JsonNode report) {
        return report.path("findings").findValuesAsText("id").stream().toList();
    }

    private static JsonNode findingIn(JsonNode report, String id) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("id").asText().equals(id)) {
                return finding;
            }
        }
        throw new AssertionError("No finding " + id + " in " + report);
    }

    /** Realm changes by GET and PUT of the whole representation: a partial PUT would drop the MFA attributes. */
    private static void updateRealm(Consumer<ObjectNode> change) {
        ObjectNode representation = (ObjectNode) realm.admin().get(realm.adminPath());
        change.accept(representation);
        assertThat(realm.admin().put(realm.adminPath(), representation).statusCode()).isEqualTo(204);
    }

    private static void updateClient(String clientId, Consumer<ObjectNode> change) {
        ObjectNode client = (ObjectNode) realm.admin().get(realm.adminPath() + "/clients?clientId=" + clientId).get(0);
        change.accept(client);
        assertThat(realm.admin().put(realm.adminPath() + "/clients/" + client.get("id").asText(), client).statusCode())
            .isEqualTo(204);
    }

    private static void updateRequiredAction(String alias, Consumer<ObjectNode> change) {
        String path = realm.adminPath() + "/authentication/required-actions/" + alias;
        ObjectNode action = (ObjectNode) realm.admin().get(path);
        change.accept(action);
        assertThat(realm.admin().put(path, action).statusCode()).isEqualTo(204);
    }

    private static String flowId(String alias) {
        for (JsonNode flow : realm.admin().get(realm.adminPath() + "/authentication/flows")) {
            if (flow.path("alias").asText().equals(alias)) {
                return flow.path("id").asText();
            }
        }
        throw new AssertionError("No flow " + alias);
    }

    private static void assertFinding(String id, String severity, String subject) {
        JsonNode finding = finding(id);
        assertThat(finding.path("severity").asText()).as(id).isEqualTo(severity);
        assertThat(finding.path("subject").asText()).as(id).isEqualTo(subject);
        assertThat(finding.path("problem").asText()).as(id).isNotBlank();
        assertThat(finding.path("fix").asText()).as(id).isNotBlank();
    }

    @Test
    void theDemoRealmAsShippedHasNoFinding() {
        JsonNode report = health();
        assertThat(report.path("findings")).as(report.toString()).isEmpty();
        assertThat(report.path("critical").asInt()).isZero();
        assertThat(report.path("realm").asText()).isEqualTo(realm.name());
    }

    @Test
    void boundFlowsWithoutTheGateAreFoundUntilTheStaffFlowsAreBoundAgain() {
        updateRealm(json -> json.put("browserFlow", "browser").put("directGrantFlow", "direct grant")
            .put("resetCredentialsFlow", "reset credentials"));
        assertFinding("browser-flow-without-gate", "critical", "browser");
        assertFinding("direct-grant-flow-without-gate", "critical", "direct grant");
        assertFinding("reset-credentials-flow-without-gate", "warning", "reset credentials");
        assertThat(health().path("critical").asInt()).isEqualTo(2);

        updateRealm(json -> json.put("browserFlow", "staff browser").put("directGrantFlow", "staff direct grant")
            .put("resetCredentialsFlow", "staff reset credentials"));
        assertThat(findings()).isEmpty();
    }

    @Test
    void aGateThatIsNotRequiredOrComesFirstIsFound() {
        String path = realm.adminPath() + "/authentication/flows/staff%20browser/executions";
        ObjectNode gate = null;
        for (JsonNode execution : realm.admin().get(path)) {
            if ("staff-mfa-gate".equals(execution.path("providerId").asText()) && execution.path("level").asInt() == 0) {
                gate = (ObjectNode) execution;
            }
        }
        assertThat(gate).isNotNull();
        ObjectNode alternative = gate.deepCopy().put("requirement", "ALTERNATIVE");
        assertThat(realm.admin().put(path, alternative).statusCode()).isEqualTo(204);
        assertFinding("browser-flow-without-gate", "critical", "staff browser");
        assertThat(finding("browser-flow-without-gate").path("problem").asText()).contains("not Required");

        assertThat(realm.admin().put(path, gate.deepCopy().put("requirement", "REQUIRED")).statusCode()).isEqualTo(204);
        String gateId = gate.path("id").asText();
        assertThat(realm.admin().post(realm.adminPath() + "/authentication/executions/" + gateId + "/raise-priority",
            AdminClient.json()).statusCode()).isEqualTo(204);
        assertThat(finding("browser-flow-without-gate").path("problem").asText()).contains("before the user is identified");

        assertThat(realm.admin().post(realm.adminPath() + "/authentication/executions/" + gateId + "/lower-priority",
            AdminClient.json()).statusCode()).isEqualTo(204);
        assertThat(findings()).isEmpty();
    }

    @Test
    void aClientOverrideThatBypassesTheGateIsFoundUnlessTheClientIsExempt() {
        String stockBrowser = flowId("browser");
        updateClient("evergreen-staff", client -> client.putObject("authenticationFlowBindingOverrides")
            .put("browser", stockBrowser));
        assertFinding("client-flow-override-without-gate", "critical", "evergreen-staff");

        // Keycloak removes an override whose value is empty (an absent key leaves it as it was).
        updateClient("evergreen-staff", client -> client.putObject("authenticationFlowBindingOverrides").put("browser", ""));
        assertThat(findings()).isEmpty();
    }

    @Test
    void anIdentityProviderWithoutThePostLoginGateIsFound() {
        ObjectNode provider = AdminClient.json().put("alias", "county-sso").put("providerId", "oidc").put("enabled", true);
        provider.putObject("config").put("clientId", "library").put("clientSecret", "secret")
            .put("authorizationUrl", "http://127.0.0.1:9/auth").put("tokenUrl", "http://127.0.0.1:9/token");
        assertThat(realm.admin().post(realm.adminPath() + "/identity-provider/instances", provider).statusCode()).isEqualTo(201);
        assertFinding("identity-provider-without-gate", "critical", "county-sso");

        provider.put("postBrokerLoginFlowAlias", "staff post broker login");
        assertThat(realm.admin().put(realm.adminPath() + "/identity-provider/instances/county-sso", provider).statusCode())
            .isEqualTo(204);
        assertThat(findings()).isEmpty();
        assertThat(realm.admin().delete(realm.adminPath() + "/identity-provider/instances/county-sso").statusCode()).isEqualTo(204);
    }

    @Test
    void aDisabledOrLateEnrolmentActionIsFound() {
        updateRequiredAction("staff-mfa-enrol", action -> action.put("enabled", false));
        assertFinding("enrolment-action-disabled", "critical", "staff-mfa-enrol");

        updateRequiredAction("staff-mfa-enrol", action -> action.put("enabled", true));
        updateRequiredAction("UPDATE_PROFILE", action -> action.put("priority", 1));
        assertFinding("enrolment-action-not-first", "warning", "staff-mfa-enrol");

        updateRequiredAction("UPDATE_PROFILE", action -> action.put("priority", 40));
        assertThat(findings()).isEmpty();
    }

    @Test
    void emailCodesWithoutSmtpAndBruteForceDetectionOffAreFound() {
        JsonNode smtp = realm.admin().get(realm.adminPath()).path("smtpServer").deepCopy();
        updateRealm(json -> {
            json.putObject("smtpServer");
            json.put("bruteForceProtected", false);
        });
        assertFinding("email-without-smtp", "warning", realm.name());
        assertFinding("brute-force-detection-off", "warning", realm.name());
        assertThat(health().path("critical").asInt()).isZero();

        updateRealm(json -> {
            json.set("smtpServer", smtp);
            json.put("bruteForceProtected", true);
        });
        assertThat(findings()).isEmpty();
    }

    @Test
    void anExemptClientWithFullScopeOrTokenExchangeIsFound() {
        updateClient("sip2-gateway", client -> {
            client.put("fullScopeAllowed", true);
            ((ObjectNode) client.get("attributes")).put("standard.token.exchange.enabled", "true");
        });
        assertFinding("exempt-client-token-exchange", "critical", "sip2-gateway");
        assertFinding("exempt-client-full-scope", "critical", "sip2-gateway");

        updateClient("sip2-gateway", client -> {
            client.put("fullScopeAllowed", false);
            ((ObjectNode) client.get("attributes")).put("standard.token.exchange.enabled", "false");
        });
        assertThat(findings()).isEmpty();
    }

    @Test
    void anExemptClientWhoseScopeCarriesAdministrationRolesIsFound() {
        String gateway = realm.admin().get(realm.adminPath() + "/clients?clientId=sip2-gateway").get(0).path("id").asText();
        String management = realm.admin().get(realm.adminPath() + "/clients?clientId=realm-management").get(0).path("id").asText();
        JsonNode viewUsers = realm.admin().get(realm.adminPath() + "/clients/" + management + "/roles/view-users");
        JsonNode manageUsers = realm.admin().get(realm.adminPath() + "/clients/" + management + "/roles/manage-users");
        String clientScope = realm.adminPath() + "/clients/" + gateway + "/scope-mappings/clients/" + management;
        assertThat(realm.admin().post(clientScope, List.of(viewUsers)).statusCode()).isEqualTo(204);
        // A realm role that bundles an administration role: composites count too.
        assertThat(realm.admin().post(realm.adminPath() + "/roles", AdminClient.json().put("name", "desk-bundle"))
            .statusCode()).isEqualTo(201);
        assertThat(realm.admin().post(realm.adminPath() + "/roles/desk-bundle/composites", List.of(manageUsers))
            .statusCode()).isEqualTo(204);
        JsonNode bundle = realm.admin().get(realm.adminPath() + "/roles/desk-bundle");
        // Keycloak accepts composite cycles; the check must still answer.
        assertThat(realm.admin().post(realm.adminPath() + "/roles", AdminClient.json().put("name", "desk-loop"))
            .statusCode()).isEqualTo(201);
        JsonNode loop = realm.admin().get(realm.adminPath() + "/roles/desk-loop");
        assertThat(realm.admin().post(realm.adminPath() + "/roles/desk-bundle/composites", List.of(loop)).statusCode())
            .isEqualTo(204);
        assertThat(realm.admin().post(realm.adminPath() + "/roles/desk-loop/composites", List.of(bundle)).statusCode())
            .isEqualTo(204);
        String realmScope = realm.adminPath() + "/clients/" + gateway + "/scope-mappings/realm";
        assertThat(realm.admin().post(realmScope, List.of(bundle)).statusCode()).isEqualTo(204);
        // A role of the exempt client itself is always in its scope, and may bundle an administration role as well.
        JsonNode queryGroups = realm.admin().get(realm.adminPath() + "/clients/" + management + "/roles/query-groups");
        String ownRoles = realm.adminPath() + "/clients/" + gateway + "/roles";
        assertThat(realm.admin().post(ownRoles, AdminClient.json().put("name", "lane-supervisor")).statusCode()).isEqualTo(201);
        assertThat(realm.admin().post(ownRoles + "/lane-supervisor/composites", List.of(queryGroups)).statusCode())
            .isEqualTo(204);
        try {
            assertFinding("exempt-client-admin-roles", "critical", "sip2-gateway");
            assertThat(finding("exempt-client-admin-roles").path("problem").asText())
                .contains("realm-management view-users").contains("realm-management manage-users")
                .contains("realm-management query-groups");
        } finally {
            realm.admin().deleteWithBody(clientScope, List.of(viewUsers));
            realm.admin().deleteWithBody(realmScope, List.of(bundle));
            realm.admin().delete(realm.adminPath() + "/roles/desk-bundle");
            realm.admin().delete(realm.adminPath() + "/roles/desk-loop");
            realm.admin().delete(ownRoles + "/lane-supervisor");
        }
        assertThat(findings()).isEmpty();
    }

    @Test
    void aPolicyNamingNoFactorUsersCanSetUpIsFoundWithTheUsersItLocksOut() {
        realm.admin().createUser(realm.name(), "newbie", "newbie-pw", null, "/staff/systems");
        // The MFA API refuses unknown factors; a realm file can still bring them (group attributes, adopted as they are).
        String planted = realm.name() + "-planted";
        DemoRealm other = DemoRealm.importInto(realm.server(), realm.admin(), planted, json -> {
            for (JsonNode group : json.findValues("subGroups").stream().flatMap(list -> java.util.stream.StreamSupport
                .stream(list.spliterator(), false)).toList()) {
                if (group.path("name").asText().equals("systems")) {
                    ((ObjectNode) group.get("attributes")).putArray("staff-mfa.factors").add("totpp recovery-codes");
                }
            }
        });
        try {
            other.admin().createUser(planted, "newbie", "newbie-pw", null, "/staff/systems");
            JsonNode report = other.admin().get(other.adminPath() + "/staff-mfa/health");
            assertThat(ids(report)).contains("policy-setting-unreadable", "policy-without-enrollable-factor",
                "required-users-cannot-enrol");
            assertThat(findingIn(report, "policy-setting-unreadable").path("problem").asText()).contains("totpp");
            assertThat(findingIn(report, "policy-without-enrollable-factor").path("subject").asText()).isEqualTo("/staff/systems");
            assertThat(findingIn(report, "required-users-cannot-enrol").path("problem").asText()).contains("newbie")
                .as("carol's authenticator app is no longer allowed either").contains("carol");
            other.admin().createUser(planted, "auditor", "auditor-pw", null);
            other.admin().grantRealmManagementRoles(planted, "auditor", "view-realm");
            JsonNode seenByAuditor = AdminClient.asRealmUser(realm.server(), planted, "auditor", "auditor-pw")
                .get(other.adminPath() + "/staff-mfa/health");
            assertThat(seenByAuditor.toString()).as("a caller who may not view users gets a count, no names")
                .contains("users must use MFA").doesNotContain("newbie");
        } finally {
            realm.admin().deleteRealm(planted);
        }
        assertThat(findings()).isEmpty();

        updateRequiredAction("staff-mfa-enrol", action -> action.put("enabled", false));
        try {
            assertThat(finding("required-users-cannot-enrol").path("problem").asText()).contains("newbie")
                .contains("disabled").as("carol can still log in with her app").doesNotContain("carol");
        } finally {
            updateRequiredAction("staff-mfa-enrol", action -> action.put("enabled", true));
        }
        assertThat(findings()).isEmpty();
    }

    @Test
    void findingsThatChangeAreLoggedWithoutAnyoneAsking() throws Exception {
        java.nio.file.Path log = realm.server().logFile()
            .orElseThrow(() -> new AssertionError("needs the server log: run with the harness-started Keycloak"));
        String prefix = "Staff MFA set-up of realm '" + realm.name() + "': changed: ";
        long cleanBefore = count(log, prefix + "no finding");
        // Another test of this class may have logged the same warning already: wait for one more.
        String warning = prefix + "warning recheck-interval-above-cap (/staff/systems)";
        long warnedBefore = count(log, warning);
        realm.admin().setGroupSetting(realm.name(), "/staff/systems", "staff-mfa.recheck-interval", "P90D");
        try {
            awaitLine(log, warning, warnedBefore + 1);
        } finally {
            realm.admin().setGroupSetting(realm.name(), "/staff/systems", "staff-mfa.recheck-interval", "PT8H");
        }
        awaitLine(log, prefix + "no finding", cleanBefore + 1);
    }

    private static long count(java.nio.file.Path log, String text) throws java.io.IOException {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** Waits (up to 30 s: the server checks every few seconds) until the log holds {@code atLeast} lines with the text. */
    private static void awaitLine(java.nio.file.Path log, String text, long atLeast) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (count(log, text) < atLeast) {
            assertThat(java.time.Instant.now()).as("a log line with: " + text).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aRecheckIntervalAboveTheRealmsCapIsFound() {
        realm.admin().setGroupSetting(realm.name(), "/staff/systems", "staff-mfa.recheck-interval", "P60D");
        assertFinding("recheck-interval-above-cap", "warning", "/staff/systems");
        assertThat(finding("recheck-interval-above-cap").path("problem").asText()).contains("60 days").contains("30 days");

        realm.admin().setGroupSetting(realm.name(), "/staff/systems", "staff-mfa.recheck-interval", "PT8H");
        assertThat(findings()).isEmpty();
    }

    @Test
    void aRealmManagerFixesAFixableFindingWithOneCall() {
        updateRealm(json -> json.put("browserFlow", "browser").put("bruteForceProtected", false).put("permanentLockout", true));
        assertThat(finding("browser-flow-without-gate").path("fixable").asBoolean()).isTrue();
        assertThat(finding("brute-force-detection-off").path("fixable").asBoolean()).isTrue();

        var fixed = realm.admin().post(realm.adminPath() + "/staff-mfa/health/fixes/browser-flow-without-gate", AdminClient.json());
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.body()).contains("bind-browser-flow");
        assertThat(realm.admin().post(realm.adminPath() + "/staff-mfa/health/fixes/brute-force-detection-off",
            AdminClient.json()).statusCode()).isEqualTo(200);
        assertThat(findings()).isEmpty();
        JsonNode representation = realm.admin().get(realm.adminPath());
        assertThat(representation.path("browserFlow").asText()).isEqualTo("staff browser 2");
        assertThat(representation.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(representation.path("permanentLockout").asBoolean())
            .as("a click never turns on permanent lockout (anyone could lock accounts)").isFalse();

        assertThat(realm.admin().post(realm.adminPath() + "/staff-mfa/health/fixes/email-without-smtp", AdminClient.json())
            .statusCode()).as("not one to fix with a click").isEqualTo(404);
        updateRealm(json -> json.put("browserFlow", "staff browser"));
    }

    @Test
    void aUserAdministratorCannotReadIt() {
        realm.admin().createUser(realm.name(), "helpdesk", "helpdesk-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "helpdesk", "manage-users", "view-users", "query-users");
        AdminClient helpdesk = AdminClient.asRealmUser(realm.server(), realm.name(), "helpdesk", "helpdesk-pw");
        assertThat(helpdesk.getResponse(realm.adminPath() + "/staff-mfa/health").statusCode()).isEqualTo(403);
        assertThat(helpdesk.post(realm.adminPath() + "/staff-mfa/health/fixes/browser-flow-without-gate", AdminClient.json())
            .statusCode()).isEqualTo(403);
    }
}
