package org.staffmfa.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.ClusterTest;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.KeycloakCluster;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * A node that dies in the middle of a login (killed, no orderly leave): the other node carries the login on, never
 * answers 500, and writes no factor the user did not confirm.
 */
@ClusterTest
class NodeFailureIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    private final KeycloakCluster cluster;

    NodeFailureIT(KeycloakCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void bringNodeABack() {
        cluster.restart("a");
    }

    @Test
    void aLoginWhosePasswordStepRanOnADeadNodeFinishesOnB() {
        TotpGenerator app = realm.systemsUserWithApp("kai");
        WebClient web = new WebClient(realm.server()).onNode("a");
        HtmlPage codePage = MfaPages.passwordStep(web, realm, "kai", "kai-pw");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();

        cluster.kill("a");
        HtmlPage done = MfaPages.enterCode(web.onNode("b"), codePage, app.now());

        assertThat(done.servedBy()).containsOnly("b");
        assertThat(done.status()).isLessThan(500);
        assertThat(done.redirectOutsideKeycloak()).as("B has the login A started: " + done.text()).isPresent();
    }

    @Test
    void anEnrolmentWhoseSecretADisplayedIsConfirmedOnBOrNotAtAll() {
        realm.admin().createUser(realm.name(), "kira", "kira-pw", null, "/staff/systems");
        WebClient web = new WebClient(realm.server()).onNode("a");
        HtmlPage setup = MfaPages.totpSetup(web, MfaPages.passwordStep(web, realm, "kira", "kira-pw"));
        TotpGenerator app = TotpGenerator.googleAuthenticator(MfaPages.totpSecret(setup));
        assertThat(realm.admin().userCredentials(realm.name(), "kira").findValuesAsText("type"))
            .as("nothing stored while the secret is only shown").doesNotContain("otp");

        cluster.kill("a");
        assertThat(realm.admin().userCredentials(realm.name(), "kira").findValuesAsText("type"))
            .as("nothing stored by the node that died").doesNotContain("otp");
        HtmlPage confirmed = MfaPages.confirmTotp(web.onNode("b"), setup, app.now(), "Phone");

        assertThat(confirmed.status()).isLessThan(500);
        assertThat(MfaPages.isRecoveryCodesPage(confirmed)).as("B finishes the enrolment: " + confirmed.text()).isTrue();
        assertThat(realm.admin().userCredentials(realm.name(), "kira").findValuesAsText("type")).containsOnlyOnce("otp");
    }
}
