package org.staffmfa.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.KeycloakCluster;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.ClusterTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * The harness itself: two nodes that see each other as one Infinispan cluster, and a proxy that sends each request
 * where the test says, so that the other cluster tests really cross nodes.
 */
@ClusterTest
class ClusterFormationIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    @Test
    void bothNodesSeeAClusterOfTwo(KeycloakCluster cluster) {
        assertThat(cluster.membersSeen()).isEqualTo(Map.of("a", 2, "b", 2));
    }

    @Test
    void theProxySendsEachStepToTheNodeTheTestNames() {
        TotpGenerator app = realm.systemsUserWithApp("cora");
        WebClient web = new WebClient(realm.server()).onNode("a");

        HtmlPage codePage = MfaPages.passwordStep(web, realm, "cora", "cora-pw");
        assertThat(codePage.servedBy()).containsOnly("a");
        assertThat(MfaPages.isCodePage(codePage)).as(codePage.text()).isTrue();

        HtmlPage done = MfaPages.enterCode(web.onNode("b"), codePage, app.now());
        assertThat(done.servedBy()).containsOnly("b");
        assertThat(done.redirectOutsideKeycloak()).as("password on A, app code on B: logged in").isPresent();
    }
}
