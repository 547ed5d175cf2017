package org.staffmfa.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * The one-step set-up ({@code POST …/staff-mfa/setup}) on the demo realm stripped of everything the set-up does: no
 * staff flows, Keycloak's stock flows bound, no enrolment action, an identity provider without a post-login flow.
 * A dry run changes nothing; one call puts every way in under the policy; a second call changes nothing.
 */
@RealKeycloakTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(SetupIT::withoutSetUp);

    /** The demo realm as a realm that has never been set up for MFA (the groups' policies stay). */
    private static void withoutSetUp(ObjectNode json) {
        json.remove("browserFlow");
        json.remove("resetCredentialsFlow");
        ArrayNode flows = (ArrayNode) json.get("authenticationFlows");
        for (int i = flows.size() - 1; i >= 0; i--) {
            if (flows.get(i).path("alias").asText().startsWith("staff ")) {
                flows.remove(i);
            }
        }
        ArrayNode actions = (ArrayNode) json.get("requiredActions");
        for (int i = actions.size() - 1; i >= 0; i--) {
            if (actions.get(i).path("alias").asText().equals("staff-mfa-enrol")) {
                actions.remove(i);
            }
        }
        ArrayNode providers = json.putArray("identityProviders");
        identityProvider(providers, "county-sso");
        // A provider with a post-login flow of its own, whose step must survive the set-up.
        identityProvider(providers, "partner-sso").put("postBrokerLoginFlowAlias", "partner checks");
        ObjectNode checks = flows.addObject().put("alias", "partner checks").put("providerId", "basic-flow")
            .put("topLevel", true).put("builtIn", false);
        checks.putArray("authenticationExecutions").addObject().put("authenticator", "allow-access-authenticator")
            .put("requirement", "REQUIRED").put("priority", 10).put("authenticatorFlow", false);
        // A direct grant flow whose password and Keycloak OTP checks share one sub-flow.
        ObjectNode grant = flows.addObject().put("alias", "cli grant").put("providerId", "basic-flow")
            .put("topLevel", true).put("builtIn", false);
        ArrayNode grantSteps = grant.putArray("authenticationExecutions");
        grantSteps.addObject().put("authenticator", "direct-grant-validate-username").put("requirement", "REQUIRED")
            .put("priority", 10).put("authenticatorFlow", false);
        grantSteps.addObject().put("flowAlias", "cli grant checks").put("requirement", "REQUIRED").put("priority", 20)
            .put("authenticatorFlow", true);
        ObjectNode grantChecks = flows.addObject().put("alias", "cli grant checks").put("providerId", "basic-flow")
            .put("topLevel", false).put("builtIn", false);
        ArrayNode checkSteps = grantChecks.putArray("authenticationExecutions");
        checkSteps.addObject().put("authenticator", "direct-grant-validate-password").put("requirement", "REQUIRED")
            .put("priority", 10).put("authenticatorFlow", false);
        checkSteps.addObject().put("authenticator", "direct-grant-validate-otp").put("requirement", "REQUIRED")
            .put("priority", 20).put("authenticatorFlow", false);
        json.put("directGrantFlow", "cli grant");
    }

    private static ObjectNode identityProvider(ArrayNode providers, String alias) {
        ObjectNode provider = providers.addObject().put("alias", alias).put("providerId", "oidc").put("enabled", true);
        provider.putObject("config").put("clientId", "library").put("clientSecret", "secret")
            .put("authorizationUrl", "http://127.0.0.1:9/auth").put("tokenUrl", "http://127.0.0.1:9/token");
        return provider;
    }

    private static HttpResponse<String> setup(String query) {
        return realm.admin().post(realm.adminPath() + "/staff-mfa/setup" + query, AdminClient.json());
    }

    private static List<String> actions(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        for (JsonNode change : AdminClient.readJson(response.body()).path("changes")) {
            actions.add(change.path("action").asText());
        }
        return actions;
    }

    private static JsonNode health() {
        return realm.admin().get(realm.adminPath() + "/staff-mfa/health");
    }

    private static final List<String> EVERYTHING = List.of("register-enrolment-action", "bind-browser-flow",
        "bind-direct-grant-flow", "bind-reset-credentials-flow", "create-post-broker-login-flow",
        "set-post-broker-login-flow", "set-post-broker-login-flow");

    @Test
    @Order(1)
    void aDryRunListsEveryChangeAndMakesNone() {
        JsonNode before = health();
        assertThat(before.path("critical").asInt()).as(before.toString()).isGreaterThanOrEqualTo(4);

        assertThat(actions(setup("?dryRun=true"))).containsExactlyElementsOf(EVERYTHING);

        assertThat(health()).as("nothing changed").isEqualTo(before);
        assertThat(realm.admin().get(realm.adminPath()).path("browserFlow").asText()).isEqualTo("browser");
    }

    @Test
    @Order(2)
    void itWarnsThatUsersOutsideEveryPolicyLoseKeycloaksOwnOtpStep() {
        JsonNode report = AdminClient.readJson(setup("?dryRun=true").body());
        assertThat(report.path("warnings").toString()).contains("password alone").contains("default mode");
    }

    @Test
    @Order(3)
    void oneCallPutsEveryWayInUnderThePolicyAndKeepsTheOldFlows() {
        assertThat(actions(setup(""))).containsExactlyElementsOf(EVERYTHING);

        JsonNode report = health();
        assertThat(report.path("findings")).as(report.toString()).isEmpty();
        JsonNode representation = realm.admin().get(realm.adminPath());
        assertThat(representation.path("browserFlow").asText()).isEqualTo("staff browser");
        assertThat(representation.path("directGrantFlow").asText()).isEqualTo("staff direct grant");
        JsonNode partner = realm.admin().get(realm.adminPath() + "/identity-provider/instances/partner-sso");
        assertThat(partner.path("postBrokerLoginFlowAlias").asText()).isEqualTo("staff partner checks");
        assertThat(realm.admin().get(realm.adminPath() + "/authentication/flows/staff%20partner%20checks/executions")
            .findValuesAsText("providerId")).as("the provider's own step is kept, the gate added")
            .containsExactly("allow-access-authenticator", "staff-mfa-gate");
        assertThat(realm.admin().get(realm.adminPath() + "/authentication/flows/staff%20direct%20grant/executions")
            .findValuesAsText("providerId")).as("the password check stays; only Keycloak's OTP step is disabled")
            .contains("direct-grant-validate-username", "direct-grant-validate-password", "staff-mfa-direct-grant");
        assertThat(representation.path("resetCredentialsFlow").asText()).isEqualTo("staff reset credentials");
        List<String> aliases = realm.admin().get(realm.adminPath() + "/authentication/flows").findValuesAsText("alias");
        assertThat(aliases).contains("browser", "cli grant", "reset credentials", "partner checks", "staff post broker login");
        JsonNode events = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=AUTH_FLOW");
        assertThat(events.findValuesAsText("staff_mfa_action")).containsAll(EVERYTHING);
    }

    @Test
    @Order(4)
    void afterTheSetUpEveryLoginMeetsThePolicy() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "tilda", "tilda-pw", secret, "/staff/systems");
        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "tilda", "tilda-pw");
        assertThat(MfaPages.isCodePage(codePage)).as("the browser login asks for the app code: " + codePage.text()).isTrue();
        assertThat(codePage.body()).as("Keycloak's own OTP form is not asked as well").doesNotContain("kc-otp-login-form");
        assertThat(MfaPages.enterCode(web, codePage, TotpGenerator.googleAuthenticator(secret).now())
            .redirectOutsideKeycloak()).isPresent();

        realm.admin().createUser(realm.name(), "tomas", "tomas-pw", null, "/staff/systems");
        WebClient newcomer = new WebClient(realm.server());
        HtmlPage enrol = MfaPages.passwordStep(newcomer, realm, "tomas", "tomas-pw");
        assertThat(MfaPages.isEnrolmentStart(enrol)).as("a required user without a factor enrols: " + enrol.text()).isTrue();

        OidcClient.TokenResponse grant = OidcClient.staffCli(realm).passwordGrant("tilda", "tilda-pw");
        assertThat(grant.error()).as("the password grant asks for the code").isEqualTo("invalid_grant");
        assertThat(grant.errorDescription()).contains("Second factor required");
        realm.admin().createUser(realm.name(), "oskar", "oskar-pw", null);
        assertThat(OidcClient.staffCli(realm).passwordGrant("oskar", "not-his-password").error())
            .as("the copied direct grant flow still checks the password (MFA off for oskar)").isEqualTo("invalid_grant");
        assertThat(OidcClient.staffCli(realm).passwordGrant("oskar", "oskar-pw").ok()).isTrue();
    }

    @Test
    @Order(5)
    void aSecondCallChangesNothing() {
        assertThat(actions(setup(""))).isEmpty();
        assertThat(actions(setup("?dryRun=true"))).isEmpty();
    }

    @Test
    @Order(6)
    void onlyARealmManagerMaySetUpAndUnknownBindingsAreRefused() {
        realm.admin().createUser(realm.name(), "officer", "officer-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "officer", "manage-mfa", "view-realm");
        AdminClient officer = AdminClient.asRealmUser(realm.server(), realm.name(), "officer", "officer-pw");
        assertThat(officer.post(realm.adminPath() + "/staff-mfa/setup", AdminClient.json()).statusCode()).isEqualTo(403);
        realm.admin().createUser(realm.name(), "steward", "steward-pw", null);
        realm.admin().grantRealmManagementRoles(realm.name(), "steward", "manage-realm", "view-realm");
        AdminClient steward = AdminClient.asRealmUser(realm.server(), realm.name(), "steward", "steward-pw");
        assertThat(steward.post(realm.adminPath() + "/staff-mfa/setup", AdminClient.json()).statusCode())
            .as("identity providers need manage-identity-providers").isEqualTo(403);
        assertThat(steward.post(realm.adminPath() + "/staff-mfa/setup", Map.of("bindings", List.of("browser")))
            .statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = realm.admin().post(realm.adminPath() + "/staff-mfa/setup",
            Map.of("bindings", List.of("browser", "everything")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("everything");
        for (String body : List.of("{\"bindings\": \"browser\"}", "{\"bindings\": [1, {}]}", "[\"browser\"]",
            "{\"startFrom\": \"scratch\"}", "{\"startFrom\": 7}", "{\"bindings\": [\"br\u00f6wser\"]}", "{\"extra\": 1}", "{")) {
            HttpResponse<String> wrong = realm.admin().post(realm.adminPath() + "/staff-mfa/setup", new AdminClient.RawJson(body));
            assertThat(wrong.statusCode()).as(body + " -> " + wrong.body()).isEqualTo(400);
        }
    }

    @Test
    @Order(7)
    void anAdministratorOfAnotherRealmMayNeitherSetUpNorReadTheHealth() {
        String other = "it-setup-other-" + Long.toHexString(System.nanoTime());
        realm.admin().createRealm(AdminClient.json().put("realm", other).put("enabled", true));
        try {
            realm.admin().createUser(other, "stranger", "stranger-pw", null);
            realm.admin().grantRealmManagementRoles(other, "stranger", "realm-admin");
            AdminClient stranger = AdminClient.asRealmUser(realm.server(), other, "stranger", "stranger-pw");
            assertThat(stranger.getResponse("/realms/" + other + "/staff-mfa/health").statusCode())
                .as("the stranger is an administrator of their own realm").isEqualTo(200);

            assertThat(stranger.post(realm.adminPath() + "/staff-mfa/setup", Map.of("bindings", List.of("browser")))
                .statusCode()).isIn(401, 403);
            assertThat(stranger.getResponse(realm.adminPath() + "/staff-mfa/health").statusCode()).isIn(401, 403);
            assertThat(stranger.post(realm.adminPath() + "/staff-mfa/health/fixes/browser-flow-without-gate",
                AdminClient.json()).statusCode()).isIn(401, 403);
        } finally {
            realm.admin().deleteRealm(other);
        }
    }
}
