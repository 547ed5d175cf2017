package org.staffmfa.keycloak.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.exemption.ClientExemptions;

/**
 * The ways into a realm and whether each passes a gate: the bound browser, direct grant and reset-credentials flows,
 * every identity provider's post-login flow, every client's flow overrides, and the enrolment action that the safety
 * net depends on.
 */
final class FlowFindings {

    private static final String SETUP_DOC = "docs/setup-flows.md";

    private FlowFindings() {
    }

    static List<Finding> of(KeycloakSession session, RealmModel realm) {
        List<Finding> findings = new ArrayList<>();
        boundFlow(findings, realm, "browser", realm.getBrowserFlow() == null ? null : realm.getBrowserFlow().getId(),
            StaffMfaIds.GATE, true, Finding.Severity.CRITICAL);
        if (directGrantInUse(realm)) {
            boundFlow(findings, realm, "direct-grant",
                realm.getDirectGrantFlow() == null ? null : realm.getDirectGrantFlow().getId(),
                StaffMfaIds.DIRECT_GRANT_GATE, true, Finding.Severity.CRITICAL);
        }
        boundFlow(findings, realm, "reset-credentials",
            realm.getResetCredentialsFlow() == null ? null : realm.getResetCredentialsFlow().getId(),
            StaffMfaIds.GATE, true, Finding.Severity.WARNING);
        identityProviders(findings, session, realm);
        clientOverrides(findings, realm);
        enrolmentAction(findings, realm);
        return findings;
    }

    /** Some enabled client that is not exempt accepts passwords directly (the password grant). */
    private static boolean directGrantInUse(RealmModel realm) {
        return realm.getClientsStream().anyMatch(client -> client.isEnabled() && client.isDirectAccessGrantsEnabled()
            && !ClientExemptions.isExempt(realm, client));
    }

    private static void boundFlow(List<Finding> findings, RealmModel realm, String binding, String flowId, String gate,
                                  boolean needsStepBefore, Finding.Severity severity) {
        GateInFlow status = GateInFlow.of(realm, flowId, gate, needsStepBefore);
        if (status == GateInFlow.IN_PLACE) {
            return;
        }
        String consequence = severity == Finding.Severity.CRITICAL
            ? "Logins through it are not checked by the MFA policy (the safety net refuses users who need a factor, "
                + "with an error page instead of the factor)."
            : "A password reset through it is not checked by the MFA policy.";
        findings.add(new Finding(binding + "-flow-without-gate", severity, GateInFlow.alias(realm, flowId),
            "The realm's " + binding + " flow: " + status.describe() + ". " + consequence,
            "Run the set-up (POST …/staff-mfa/setup, " + SETUP_DOC + "), or add '" + gate + "' by hand as a Required "
                + "top-level step after the step that identifies the user.", true));
    }

    private static void identityProviders(List<Finding> findings, KeycloakSession session, RealmModel realm) {
        session.identityProviders().getAllStream()
            .filter(IdentityProviderModel::isEnabled)
            .sorted(Comparator.comparing(IdentityProviderModel::getAlias))
            .forEach(provider -> {
                GateInFlow status = GateInFlow.of(realm, provider.getPostBrokerLoginFlowId(), StaffMfaIds.GATE, false);
                if (status != GateInFlow.IN_PLACE) {
                    findings.add(Finding.critical("identity-provider-without-gate", provider.getAlias(),
                        "Logins through the identity provider '" + provider.getAlias() + "' skip the MFA policy: "
                            + (status == GateInFlow.NO_FLOW ? "it has no post-login flow" : "its post-login flow "
                            + GateInFlow.alias(realm, provider.getPostBrokerLoginFlowId()) + ": " + status.describe()) + ".",
                        "Run the set-up (POST …/staff-mfa/setup), or set its post-login flow to a flow with '"
                            + StaffMfaIds.GATE + "' as a Required step (" + SETUP_DOC + ").").asFixable());
                }
            });
    }

    private static void clientOverrides(List<Finding> findings, RealmModel realm) {
        realm.getClientsStream()
            .sorted(Comparator.comparing(ClientModel::getClientId))
            .filter(client -> !ClientExemptions.isExempt(realm, client))
            .forEach(client -> {
                Map<String, String> overrides = client.getAuthenticationFlowBindingOverrides();
                override(findings, realm, client, "browser", overrides.get("browser"), StaffMfaIds.GATE);
                override(findings, realm, client, "direct grant", overrides.get("direct_grant"), StaffMfaIds.DIRECT_GRANT_GATE);
            });
    }

    private static void override(List<Finding> findings, RealmModel realm, ClientModel client, String binding,
                                 String flowId, String gate) {
        if (flowId == null || flowId.isBlank()) {
            return;
        }
        GateInFlow status = GateInFlow.of(realm, flowId, gate, true);
        if (status != GateInFlow.IN_PLACE) {
            findings.add(Finding.critical("client-flow-override-without-gate", client.getClientId(),
                "The client '" + client.getClientId() + "' overrides the " + binding + " flow with '"
                    + GateInFlow.alias(realm, flowId) + "': " + status.describe()
                    + ". Its logins are not checked by the MFA policy.",
                "Remove the override (client > Advanced > Authentication flow overrides), point it to a flow with '"
                    + gate + "', or exempt the client through the MFA admin API if it must not ask for a factor."));
        }
    }

    private static void enrolmentAction(List<Finding> findings, RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(StaffMfaIds.ENROL_ACTION);
        if (action == null || !action.isEnabled()) {
            findings.add(Finding.critical(action == null ? "enrolment-action-not-registered" : "enrolment-action-disabled",
                StaffMfaIds.ENROL_ACTION,
                "The required action '" + StaffMfaIds.ENROL_ACTION + "' is " + (action == null ? "not registered" : "disabled")
                    + ": users cannot set up a factor, and logins that bypass the gate are not refused (the safety net "
                    + "runs in this action).",
                "Run the set-up (POST …/staff-mfa/setup), or register and enable it and move it to the top of the "
                    + "required actions (" + SETUP_DOC + ", step 1).").asFixable());
            return;
        }
        boolean first = realm.getRequiredActionProvidersStream()
            .filter(RequiredActionProviderModel::isEnabled)
            .min(Comparator.comparingInt(RequiredActionProviderModel::getPriority))
            .map(top -> top.getAlias().equals(StaffMfaIds.ENROL_ACTION))
            .orElse(false);
        if (!first) {
            findings.add(Finding.warning("enrolment-action-not-first", StaffMfaIds.ENROL_ACTION,
                "Another required action runs before '" + StaffMfaIds.ENROL_ACTION + "': a user who needs a factor "
                    + "sees it (e.g. update profile) before the MFA check.",
                "Move '" + StaffMfaIds.ENROL_ACTION + "' to the top of the required actions.").asFixable());
        }
    }
}
