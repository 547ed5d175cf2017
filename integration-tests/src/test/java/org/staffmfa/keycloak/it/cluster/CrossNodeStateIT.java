package org.staffmfa.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.ClusterTest;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.KeycloakCluster;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RememberCookies;
import org.staffmfa.keycloak.it.support.ServerOptions;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * What one node records, the other knows at once: the lockout, a remembered browser and its revocation, an
 * administrator's policy and exemption changes (no stale caches), an enrolment under way, a skipped enrolment.
 */
@ClusterTest
class CrossNodeStateIT {

    /** The demo realm as shipped: brute-force protection locks after five failures. */
    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> json.put("quickLoginCheckMilliSeconds", 0));

    /** The server administrator, talking to node A only. */
    static AdminClient adminOnA;

    @BeforeAll
    static void administratorOnNodeA(KeycloakCluster cluster) {
        adminOnA = AdminClient.asServerAdmin(cluster.node("a"));
    }

    private static WebClient browserOn(String node) {
        return new WebClient(realm.server()).onNode(node);
    }

    private static HtmlPage passwordStepOn(String node, String username) {
        return MfaPages.passwordStep(browserOn(node), realm, username, username + "-pw");
    }

    private static String userId(String username) {
        return realm.admin().user(realm.name(), username).get("id").asText();
    }

    @Test
    void wrongAppCodesOnAAndBAddUpToOneLockoutBothNodesEnforce() {
        TotpGenerator app = realm.systemsUserWithApp("bruno");
        String wrong = app.now().equals("000000") ? "999999" : "000000";
        for (int attempt = 1; attempt <= 5; attempt++) {
            String node = attempt % 2 == 1 ? "a" : "b";
            WebClient web = browserOn(node);
            HtmlPage page = MfaPages.enterCode(web, MfaPages.passwordStep(web, realm, "bruno", "bruno-pw"), wrong);
            assertThat(page.servedBy()).as("attempt %d", attempt).containsOnly(node);
            assertThat(page.redirectOutsideKeycloak()).isEmpty();
        }
        assertThat(realm.admin().awaitFailures(realm.name(), "bruno", 5)).isEqualTo(5);
        assertThat(realm.admin().bruteForceStatus(realm.name(), "bruno").path("disabled").asBoolean()).isTrue();

        for (String node : KeycloakCluster.NODES) {
            HtmlPage page = passwordStepOn(node, "bruno");
            assertThat(MfaPages.isCodePage(page)).as("locked: node %s stops at the password", node).isFalse();
            assertThat(page.has(MfaPages.LOGIN_FORM)).as(page.text()).isTrue();
        }
    }

    @Test
    void aBrowserRememberedByAIsRememberedByBUntilOneRevocationOnA() {
        TotpGenerator app = realm.systemsUserWithApp("rosa");
        WebClient web = browserOn("a");
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "rosa", "rosa-pw");
        HtmlPage done = web.submit(codePage.form(MfaPages.CODE_FORM).set("code", app.now()).set("remember", "on"));
        assertThat(done.setCookies(RememberCookies.PREFIX)).as("remember cookie issued by A").hasSize(1);
        RememberCookies.endSsoSessionKeepingRememberCookies(web);

        web.onNode("b");
        HtmlPage remembered = MfaPages.passwordStep(web, realm, "rosa", "rosa-pw");
        assertThat(remembered.servedBy()).containsOnly("b");
        assertThat(remembered.redirectOutsideKeycloak()).as("B honours A's cookie: no code asked").isPresent();
        RememberCookies.endSsoSessionKeepingRememberCookies(web);

        assertThat(adminOnA.delete(realm.adminPath() + "/staff-mfa/users/" + userId("rosa") + "/remembered-browsers")
            .statusCode()).as("revoked on A").isEqualTo(204);
        HtmlPage afterRevocation = MfaPages.passwordStep(web, realm, "rosa", "rosa-pw");
        assertThat(MfaPages.isCodePage(afterRevocation)).as("B asks for a code right after the revocation on A").isTrue();
    }

    @Test
    void aGroupPolicyChangedOnAAppliesToTheNextLoginOnB() {
        adminOnA.createGroup(realm.name(), "night-shift", Map.of("staff-mfa.mode", "required",
            "staff-mfa.factors", "totp"));
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "nils", "nils-pw", secret, "/night-shift");
        assertThat(MfaPages.isCodePage(passwordStepOn("b", "nils"))).as("required, seen by B").isTrue();

        adminOnA.setGroupSetting(realm.name(), "/night-shift", "staff-mfa.mode", "off");
        assertThat(passwordStepOn("b", "nils").redirectOutsideKeycloak()).as("off on A, at once on B").isPresent();

        adminOnA.setGroupSetting(realm.name(), "/night-shift", "staff-mfa.mode", "required");
        assertThat(MfaPages.isCodePage(passwordStepOn("b", "nils"))).as("required again on A, at once on B").isTrue();
    }

    @Test
    void anExemptionGrantedAndRevokedOnAAppliesToTheNextLoginOnB() {
        realm.systemsUserWithApp("edgar");
        assertThat(MfaPages.isCodePage(passwordStepOn("b", "edgar"))).isTrue();

        var granted = adminOnA.post(realm.adminPath() + "/staff-mfa/users/" + userId("edgar") + "/exemptions",
            Map.of("clients", List.of("evergreen-staff"), "reason", "Cluster test"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(passwordStepOn("b", "edgar").redirectOutsideKeycloak()).as("exempt on A, at once on B").isPresent();

        String id = AdminClient.readJson(granted.body()).get("id").asText();
        assertThat(adminOnA.delete(realm.adminPath() + "/staff-mfa/users/" + userId("edgar") + "/exemptions/" + id)
            .statusCode()).isEqualTo(204);
        assertThat(MfaPages.isCodePage(passwordStepOn("b", "edgar"))).as("revoked on A, at once on B").isTrue();
    }

    @Test
    void anEnrolmentStartedOnACompletesOnB() {
        realm.admin().createUser(realm.name(), "enno", "enno-pw", null, "/staff/systems");
        WebClient web = browserOn("a");
        HtmlPage setup = MfaPages.totpSetup(web, MfaPages.passwordStep(web, realm, "enno", "enno-pw"));
        assertThat(setup.servedBy()).contains("a");
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));

        web.onNode("b");
        HtmlPage offer = MfaPages.confirmTotp(web, setup, app.now(), "Phone");
        assertThat(offer.servedBy()).contains("b");
        assertThat(MfaPages.isRecoveryCodesPage(offer)).as("the secret shown by A confirmed on B: " + offer.text()).isTrue();
        assertThat(MfaPages.saveRecoveryCodes(web.onNode("a"), offer).redirectOutsideKeycloak()).isPresent();

        JsonNode credentials = realm.admin().userCredentials(realm.name(), "enno");
        assertThat(credentials.findValuesAsText("type")).containsOnlyOnce("otp");
    }

    @Test
    void anEnrolmentSkippedOnAIsNotOfferedAgainOnB() {
        realm.admin().createUser(realm.name(), "sina", "sina-pw", null, "/staff/circulation");
        WebClient web = browserOn("a");
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "sina", "sina-pw");
        assertThat(MfaPages.isEnrolChooser(chooser)).as(chooser.text()).isTrue();
        assertThat(MfaPages.skipEnrolment(web, chooser).redirectOutsideKeycloak()).as("skipped on A").isPresent();

        assertThat(passwordStepOn("b", "sina").redirectOutsideKeycloak()).as("B knows of the skip: no offer").isPresent();
    }

    /**
     * The set-up made through node A holds on node B at once, and a hole made later through B is logged once in the
     * cluster (one node checks per turn; the fingerprint of what was logged is shared), not once per node.
     */
    @Test
    void aSetUpThroughAHoldsOnBAndAChangedFindingIsLoggedOnceInTheCluster(KeycloakCluster cluster) throws Exception {
        String name = "it-cluster-setup-" + Long.toHexString(System.nanoTime());
        ObjectNode fresh = AdminClient.json().put("realm", name).put("enabled", true).put("bruteForceProtected", true);
        fresh.putObject("smtpServer").put("host", "127.0.0.1").put("port", "3025").put("from", "mfa@library.example");
        // No SMS: the nodes run in production mode, where the demo's log sender is itself a finding.
        fresh.putObject("attributes").put("staff-mfa.default-mode", "allowed")
            .put("staff-mfa.default-factors", "totp webauthn email recovery-codes");
        adminOnA.createRealm(fresh);
        AdminClient adminOnB = AdminClient.asServerAdmin(cluster.node("b"));
        try {
            HttpResponse<String> setup = adminOnA.post("/realms/" + name + "/staff-mfa/setup",
                AdminClient.json().put("startFrom", "defaults"));
            assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
            JsonNode health = adminOnB.get("/realms/" + name + "/staff-mfa/health");
            assertThat(health.path("findings")).as(health.toString()).isEmpty();
            assertThat(adminOnB.get("/realms/" + name).path("browserFlow").asText()).isEqualTo("staff browser");

            String prefix = "Staff MFA set-up of realm '" + name + "': changed: ";
            awaitInLogs(cluster, prefix + "no finding");
            ObjectNode representation = (ObjectNode) adminOnB.get("/realms/" + name);
            representation.put("bruteForceProtected", false);
            assertThat(adminOnB.put("/realms/" + name, representation).statusCode()).isEqualTo(204);
            String hole = prefix + "warning brute-force-detection-off";
            awaitInLogs(cluster, hole);
            // Absence needs time: three more turns of the check, in which neither node may log the same change again.
            java.util.concurrent.TimeUnit.SECONDS.sleep(3L * ServerOptions.HEALTH_LOG_SECONDS + 1);
            assertThat(countInLogs(cluster, hole)).as("logged once in the cluster").isEqualTo(1);
        } finally {
            adminOnA.deleteRealm(name);
        }
    }

    private static long countInLogs(KeycloakCluster cluster, String text) throws java.io.IOException {
        long count = 0;
        for (String node : KeycloakCluster.NODES) {
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(cluster.node(node).logFile().orElseThrow())) {
                count += lines.filter(line -> line.contains(text)).count();
            }
        }
        return count;
    }

    private static void awaitInLogs(KeycloakCluster cluster, String text) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (countInLogs(cluster, text) == 0) {
            assertThat(java.time.Instant.now()).as("a log line with: " + text).isBefore(deadline);
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
