package org.staffmfa.keycloak.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.policy.EffectivePolicy;

/**
 * Finds the holes in a realm's MFA set-up that otherwise show only when a login fails (the safety net) or, worse,
 * succeeds: flows and clients that bypass the gate, a missing enrolment action, factors that cannot be delivered,
 * exempt clients whose tokens reach too far, brute-force detection off, intervals above the cap, policy settings
 * that cannot be read or allow nothing usable, required users who cannot enrol. Read-only; critical findings first.
 */
public final class RealmHealthCheck {

    private RealmHealthCheck() {
    }

    /** @param nameUsers whether findings may name users (only for callers who may view the realm's users) */
    public static List<Finding> run(KeycloakSession session, RealmModel realm, boolean nameUsers) {
        List<Finding> findings = new ArrayList<>(FlowFindings.of(session, realm));
        findings.addAll(EmergencyFindings.of(realm));
        findings.addAll(ExemptClientFindings.of(realm));
        findings.addAll(DeliveryFindings.of(realm));
        findings.addAll(PolicyFindings.of(realm));
        // Every policy of the realm, resolved once for both checks that read them.
        Map<String, EffectivePolicy> policies = FactorFindings.policies(session, realm);
        findings.addAll(FactorFindings.of(policies));
        findings.addAll(FactorFindings.appMinimumAboveOtpPolicy(realm, policies));
        findings.addAll(StrandedUserFindings.of(session, realm, policies, nameUsers));
        findings.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(findings);
    }
}
