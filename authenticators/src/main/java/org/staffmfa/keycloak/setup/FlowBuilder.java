package org.staffmfa.keycloak.setup;

import java.util.List;

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

    /**
     * The enabled steps of a flow (sub-flows included) that are not in {@code kept}, leaving out conditions (they mean
     * nothing without their sub-flow) and Keycloak's own second-factor steps (the gate replaces them): what a flow
     * built from Keycloak's defaults would lose of this one, e.g. Kerberos, a deny-access rule, a CAPTCHA.
     */
    List<String> enabledStepsOutside(AuthenticationFlowModel flow, java.util.Set<String> kept) {
        java.util.Set<String> lost = new java.util.TreeSet<>();
        collectEnabledSteps(flow, lost, new java.util.HashSet<>());
        lost.removeAll(kept);
        lost.removeAll(STOCK_OTP_STEPS);
        return List.copyOf(lost);
    }

    private void collectEnabledSteps(AuthenticationFlowModel flow, java.util.Set<String> steps, java.util.Set<String> seen) {
        if (flow == null || !seen.add(flow.getId())) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flow.getId()).filter(step -> !step.isDisabled()).forEach(step -> {
            if (step.isAuthenticatorFlow()) {
                collectEnabledSteps(realm.getAuthenticationFlowById(step.getFlowId()), steps, seen);
            } else if (!isCondition(step) && step.getAuthenticator() != null) {
                steps.add(step.getAuthenticator());
            }
        });
    }

    AuthenticationFlowModel topLevel(String alias, String description) {
        return newFlow(alias, description, true);
    }

    /** A new sub-flow, to be placed in its parent with {@link #appendSubFlow}. */
    AuthenticationFlowModel subFlow(String alias, String description) {
        return newFlow(alias, description, false);
    }

    private AuthenticationFlowModel newFlow(String alias, String description, boolean topLevel) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(topLevel);
        flow.setBuiltIn(false);
        return realm.addAuthenticationFlow(flow);
    }

    /** A copy of {@code original} (with its sub-flows) under a new alias; Keycloak's own second-factor steps are left to the caller. */
    AuthenticationFlowModel copy(AuthenticationFlowModel original, String alias, boolean topLevel) {
        AuthenticationFlowModel copy = AuthenticationManagementResource.copyFlow(session, realm, original, alias);
        if (copy.isTopLevel() != topLevel) {
            copy.setTopLevel(topLevel);
            realm.updateAuthenticationFlow(copy);
        }
        return copy;
    }

    /**
     * Disables Keycloak's second-factor steps in a copied flow and returns what it disabled. Only the second-factor
     * steps themselves are touched, never a password, e-mail or other check: a Conditional sub-flow that holds nothing
     * but conditions and second-factor steps (Keycloak's "Conditional OTP" / "Conditional 2FA") is disabled as a whole,
     * because Keycloak fails a login whose conditional sub-flow holds conditions only; in any other sub-flow just the
     * second-factor steps are disabled. A sub-flow that would be left with nothing but disabled steps cannot be
     * copied safely: the set-up refuses it and the flow must be set up by hand.
     */
    List<String> disableStockSecondFactor(AuthenticationFlowModel flow) {
        List<String> disabled = new java.util.ArrayList<>();
        realm.getAuthenticationExecutionsStream(flow.getId()).forEach(step -> {
            if (step.isAuthenticatorFlow()) {
                AuthenticationFlowModel subFlow = realm.getAuthenticationFlowById(step.getFlowId());
                if (step.isConditional() && onlyConditionsAndSecondFactors(subFlow)) {
                    disable(step);
                    disabled.add("'" + subFlow.getAlias() + "'");
                } else {
                    disabled.addAll(disableStockSecondFactor(subFlow));
                }
            } else if (STOCK_OTP_STEPS.contains(step.getAuthenticator()) && !step.isDisabled()) {
                disable(step);
                disabled.add("'" + step.getAuthenticator() + "' in '" + flow.getAlias() + "'");
            }
        });
        boolean nothingLeft = realm.getAuthenticationExecutionsStream(flow.getId())
            .allMatch(step -> step.isDisabled() || isCondition(step));
        if (!disabled.isEmpty() && nothingLeft) {
            throw new UnsafeCopyException("The flow '" + flow.getAlias() + "' would be left without an enabled step once "
                + "Keycloak's second-factor steps are disabled; set it up by hand (docs/setup-flows.md).");
        }
        return disabled;
    }

    private boolean onlyConditionsAndSecondFactors(AuthenticationFlowModel flow) {
        List<AuthenticationExecutionModel> steps = realm.getAuthenticationExecutionsStream(flow.getId()).toList();
        return steps.stream().anyMatch(step -> !step.isAuthenticatorFlow() && STOCK_OTP_STEPS.contains(step.getAuthenticator()))
            && steps.stream().allMatch(step -> !step.isAuthenticatorFlow()
                && (isCondition(step) || STOCK_OTP_STEPS.contains(step.getAuthenticator()) || step.isDisabled()));
    }

    private static boolean isCondition(AuthenticationExecutionModel step) {
        return !step.isAuthenticatorFlow() && step.getAuthenticator() != null && step.getAuthenticator().startsWith("conditional-");
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
        append(parent, providerId, AuthenticationExecutionModel.Requirement.REQUIRED);
    }

    void append(AuthenticationFlowModel parent, String providerId, AuthenticationExecutionModel.Requirement requirement) {
        AuthenticationExecutionModel step = step(parent);
        step.setAuthenticatorFlow(false);
        step.setAuthenticator(providerId);
        step.setRequirement(requirement);
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
