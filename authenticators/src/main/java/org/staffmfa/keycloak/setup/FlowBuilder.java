package org.staffmfa.keycloak.setup;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AuthenticationManagementResource;

/** Creates the staff flows: new top-level flows, copies of the realm's own flows, steps appended to them. */
final class FlowBuilder {

    /** Keycloak's own second-factor steps: the staff flows leave them in place but disabled, so no one asks twice. */
    private static final java.util.Set<String> STOCK_OTP_STEPS = java.util.Set.of("auth-otp-form",
        "direct-grant-validate-otp", "reset-otp", "webauthn-authenticator", "auth-recovery-authn-code-form");

    private final KeycloakSession session;
    private final RealmModel realm;

    FlowBuilder(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** An alias no flow of the realm has yet: {@code name}, else {@code name 2}, {@code name 3}, ... */
    String freeAlias(String name) {
        String alias = name;
        for (int n = 2; realm.getFlowByAlias(alias) != null; n++) {
            alias = name + " " + n;
        }
        return alias;
    }

    AuthenticationFlowModel topLevel(String alias, String description) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        return realm.addAuthenticationFlow(flow);
    }

    /** A copy of {@code original} (with its sub-flows) under a new alias, Keycloak's own second-factor steps disabled. */
    AuthenticationFlowModel copyWithoutStockSecondFactor(AuthenticationFlowModel original, String alias, boolean topLevel) {
        AuthenticationFlowModel copy = AuthenticationManagementResource.copyFlow(session, realm, original, alias);
        if (copy.isTopLevel() != topLevel) {
            copy.setTopLevel(topLevel);
            realm.updateAuthenticationFlow(copy);
        }
        disableStockSecondFactor(copy);
        return copy;
    }

    /**
     * Disables Keycloak's second-factor steps in a copied flow. A sub-flow that holds one (Keycloak's "Conditional OTP"
     * or "Conditional 2FA") is disabled as a whole: a conditional sub-flow whose condition holds but whose every
     * step is disabled makes Keycloak fail the login.
     */
    private void disableStockSecondFactor(AuthenticationFlowModel flow) {
        realm.getAuthenticationExecutionsStream(flow.getId()).forEach(step -> {
            if (step.isAuthenticatorFlow()) {
                AuthenticationFlowModel subFlow = realm.getAuthenticationFlowById(step.getFlowId());
                if (holdsStockSecondFactor(subFlow)) {
                    disable(step);
                } else {
                    disableStockSecondFactor(subFlow);
                }
            } else if (STOCK_OTP_STEPS.contains(step.getAuthenticator())) {
                disable(step);
            }
        });
    }

    private boolean holdsStockSecondFactor(AuthenticationFlowModel flow) {
        return realm.getAuthenticationExecutionsStream(flow.getId())
            .anyMatch(step -> !step.isAuthenticatorFlow() && STOCK_OTP_STEPS.contains(step.getAuthenticator()));
    }

    private void disable(AuthenticationExecutionModel step) {
        step.setRequirement(AuthenticationExecutionModel.Requirement.DISABLED);
        realm.updateAuthenticatorExecution(step);
    }

    void appendSubFlow(AuthenticationFlowModel parent, AuthenticationFlowModel subFlow) {
        AuthenticationExecutionModel step = step(parent);
        step.setAuthenticatorFlow(true);
        step.setFlowId(subFlow.getId());
        realm.addAuthenticatorExecution(step);
    }

    void appendRequired(AuthenticationFlowModel parent, String providerId) {
        AuthenticationExecutionModel step = step(parent);
        step.setAuthenticatorFlow(false);
        step.setAuthenticator(providerId);
        realm.addAuthenticatorExecution(step);
    }

    private AuthenticationExecutionModel step(AuthenticationFlowModel parent) {
        int last = realm.getAuthenticationExecutionsStream(parent.getId())
            .mapToInt(AuthenticationExecutionModel::getPriority).max().orElse(0);
        AuthenticationExecutionModel step = new AuthenticationExecutionModel();
        step.setParentFlow(parent.getId());
        step.setRequirement(AuthenticationExecutionModel.Requirement.REQUIRED);
        step.setPriority(last + 10);
        return step;
    }
}
