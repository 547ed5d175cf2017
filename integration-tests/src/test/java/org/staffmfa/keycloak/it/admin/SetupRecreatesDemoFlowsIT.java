package org.staffmfa.keycloak.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;

/**
 * The shipped realm files and the set-up are one path: the demo realm without its staff flows, bindings and enrolment
 * action, set up with {@code "startFrom": "defaults"}, gets exactly the flows, descriptions, bindings and enrolment
 * action of the shipped demo realm — and the realm snippet carries the same flows.
 */
@RealKeycloakTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupRecreatesDemoFlowsIT {

    private static final List<String> BINDINGS = List.of("browserFlow", "directGrantFlow", "resetCredentialsFlow");

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(SetupRecreatesDemoFlowsIT::withoutStaffFlows);

    /**
     * The demo realm without its staff flows, bindings and enrolment action; its browser flow is a kiosk flow with a
     * step of its own after the password, which flows built from the defaults leave out (and must say so).
     */
    private static void withoutStaffFlows(ObjectNode json) {
        BINDINGS.forEach(json::remove);
        ArrayNode flows = (ArrayNode) json.get("authenticationFlows");
        removeWhere(flows, flow -> flow.path("alias").asText().startsWith("staff "));
        removeWhere((ArrayNode) json.get("requiredActions"), action -> action.path("alias").asText().equals("staff-mfa-enrol"));
        ObjectNode kiosk = flows.addObject().put("alias", "kiosk browser").put("providerId", "basic-flow")
            .put("topLevel", true).put("builtIn", false);
        ArrayNode kioskSteps = kiosk.putArray("authenticationExecutions");
        kioskSteps.addObject().put("authenticator", "auth-cookie").put("requirement", "ALTERNATIVE").put("priority", 10)
            .put("authenticatorFlow", false);
        kioskSteps.addObject().put("flowAlias", "kiosk forms").put("requirement", "ALTERNATIVE").put("priority", 20)
            .put("authenticatorFlow", true);
        ObjectNode forms = flows.addObject().put("alias", "kiosk forms").put("providerId", "basic-flow")
            .put("topLevel", false).put("builtIn", false);
        ArrayNode formSteps = forms.putArray("authenticationExecutions");
        formSteps.addObject().put("authenticator", "auth-username-password-form").put("requirement", "REQUIRED")
            .put("priority", 10).put("authenticatorFlow", false);
        formSteps.addObject().put("authenticator", "allow-access-authenticator").put("requirement", "REQUIRED")
            .put("priority", 20).put("authenticatorFlow", false);
        json.put("browserFlow", "kiosk browser");
    }

    private static void removeWhere(ArrayNode array, java.util.function.Predicate<JsonNode> match) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (match.test(array.get(i))) {
                array.remove(i);
            }
        }
    }

    private static HttpResponse<String> setupFromDefaults() {
        return realm.admin().post(realm.adminPath() + "/staff-mfa/setup", AdminClient.json().put("startFrom", "defaults"));
    }

    private static List<String> actions(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminClient.readJson(response.body()).path("changes").findValuesAsText("action");
    }

    @Test
    @Order(1)
    void setUpFromTheDefaultsBuildsTheDemoRealmsFlows() {
        assertThat(realm.admin().get(realm.adminPath()).path("browserFlow").asText()).isEqualTo("kiosk browser");

        HttpResponse<String> preview = realm.admin().post(realm.adminPath() + "/staff-mfa/setup?dryRun=true",
            AdminClient.json().put("startFrom", "defaults"));
        JsonNode report = AdminClient.readJson(preview.body());
        assertThat(report.path("changes").get(1).path("detail").asText()).as("what the new flow leaves out")
            .contains("'kiosk browser' is kept").contains("left out of the new flow: 'allow-access-authenticator'");
        assertThat(report.path("warnings").toString()).contains("'kiosk browser': 'allow-access-authenticator'");

        assertThat(actions(setupFromDefaults())).containsExactly("register-enrolment-action", "bind-browser-flow",
            "bind-direct-grant-flow", "bind-reset-credentials-flow", "create-post-broker-login-flow");

        ObjectNode shipped = DemoRealm.demoRealmJson();
        JsonNode now = realm.admin().get(realm.adminPath());
        for (String binding : BINDINGS) {
            assertThat(now.path(binding).asText()).as(binding).isEqualTo(shipped.path(binding).asText());
        }
        assertThat(serverFlows()).isEqualTo(flowsOf(shipped));

        List<JsonNode> actions = StreamSupport.stream(
            realm.admin().get(realm.adminPath() + "/authentication/required-actions").spliterator(), false).toList();
        JsonNode first = actions.stream().min(Comparator.comparingInt(action -> action.path("priority").asInt())).orElseThrow();
        assertThat(first.path("alias").asText()).isEqualTo("staff-mfa-enrol");
        assertThat(first.path("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aSecondCallChangesNothing() {
        assertThat(actions(setupFromDefaults())).isEmpty();
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/health").path("findings")).isEmpty();
    }

    @Test
    void theRealmSnippetCarriesTheDemoRealmsFlows() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("realm-export/staff-mfa-realm-snippet.json")) {
            ObjectNode snippet = (ObjectNode) new ObjectMapper().readTree(in);
            ObjectNode shipped = DemoRealm.demoRealmJson();
            assertThat(flowsOf(snippet)).isEqualTo(flowsOf(shipped));
            for (String binding : BINDINGS) {
                assertThat(snippet.path(binding).asText()).as(binding).isEqualTo(shipped.path(binding).asText());
            }
        }
    }

    /**
     * Each staff top-level flow of a realm file as its description and its steps in order, nested ones indented:
     * {@code "1 flow 'staff identity' REQUIRED: <description>"} or {@code "2 auth-cookie ALTERNATIVE"}.
     */
    private static Map<String, List<String>> flowsOf(JsonNode realmJson) {
        Map<String, JsonNode> byAlias = new LinkedHashMap<>();
        realmJson.path("authenticationFlows").forEach(flow -> byAlias.put(flow.path("alias").asText(), flow));
        Map<String, List<String>> flows = new java.util.TreeMap<>();
        byAlias.values().stream()
            .filter(flow -> flow.path("topLevel").asBoolean() && flow.path("alias").asText().startsWith("staff "))
            .forEach(flow -> {
                List<String> lines = new ArrayList<>(List.of("0 " + flow.path("description").asText()));
                steps(byAlias, flow, 0, lines);
                flows.put(flow.path("alias").asText(), lines);
            });
        return flows;
    }

    private static void steps(Map<String, JsonNode> byAlias, JsonNode flow, int level, List<String> lines) {
        List<JsonNode> steps = StreamSupport.stream(flow.path("authenticationExecutions").spliterator(), false)
            .sorted(Comparator.comparingInt(step -> step.path("priority").asInt())).toList();
        for (JsonNode step : steps) {
            if (step.path("authenticatorFlow").asBoolean()) {
                JsonNode subFlow = byAlias.get(step.path("flowAlias").asText());
                lines.add(level + " flow '" + subFlow.path("alias").asText() + "' " + step.path("requirement").asText()
                    + ": " + subFlow.path("description").asText());
                steps(byAlias, subFlow, level + 1, lines);
            } else {
                lines.add(level + " " + step.path("authenticator").asText() + " " + step.path("requirement").asText());
            }
        }
    }

    /** The same view of the realm's staff flows, read through the admin API. */
    private static Map<String, List<String>> serverFlows() {
        String flowsPath = realm.adminPath() + "/authentication/flows";
        Map<String, List<String>> flows = new java.util.TreeMap<>();
        for (JsonNode flow : realm.admin().get(flowsPath)) {
            String alias = flow.path("alias").asText();
            if (!alias.startsWith("staff ")) {
                continue;
            }
            List<String> lines = new ArrayList<>(List.of("0 " + flow.path("description").asText()));
            for (JsonNode step : realm.admin().get(flowsPath + "/" + alias.replace(" ", "%20") + "/executions")) {
                if (step.path("authenticationFlow").asBoolean()) {
                    JsonNode subFlow = realm.admin().get(flowsPath + "/" + step.path("flowId").asText());
                    lines.add(step.path("level").asInt() + " flow '" + subFlow.path("alias").asText() + "' "
                        + step.path("requirement").asText() + ": " + subFlow.path("description").asText());
                } else {
                    lines.add(step.path("level").asInt() + " " + step.path("providerId").asText() + " "
                        + step.path("requirement").asText());
                }
            }
            flows.put(alias, lines);
        }
        return flows;
    }
}
