package org.staffmfa.keycloak.health;

import java.util.List;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/**
 * Where a gate stands in a flow. Only a REQUIRED step at the flow's top level runs in every login of that flow: inside
 * a sub-flow, an ALTERNATIVE sibling that succeeds (a cookie, an identity provider) skips it.
 */
public enum GateInFlow {
    /** A REQUIRED top-level step after at least one other step. */
    IN_PLACE,
    /** The flow does not exist (a dangling binding). */
    NO_FLOW,
    /** Not anywhere at the top level. */
    MISSING,
    /** At the top level, but not REQUIRED (alternative, conditional or disabled). */
    NOT_REQUIRED,
    /** The first top-level step: it runs before anyone is identified. */
    BEFORE_IDENTITY;

    public static GateInFlow of(RealmModel realm, String flowId, String gateProviderId, boolean needsStepBefore) {
        AuthenticationFlowModel flow = flowId == null ? null : realm.getAuthenticationFlowById(flowId);
        if (flow == null) {
            return NO_FLOW;
        }
        List<AuthenticationExecutionModel> steps = realm.getAuthenticationExecutionsStream(flow.getId()).toList();
        for (int i = 0; i < steps.size(); i++) {
            AuthenticationExecutionModel step = steps.get(i);
            if (!step.isAuthenticatorFlow() && gateProviderId.equals(step.getAuthenticator())) {
                if (step.getRequirement() != AuthenticationExecutionModel.Requirement.REQUIRED) {
                    return NOT_REQUIRED;
                }
                return needsStepBefore && i == 0 ? BEFORE_IDENTITY : IN_PLACE;
            }
        }
        return MISSING;
    }

    /** The flow's alias, or its id when it no longer exists. */
    public static String alias(RealmModel realm, String flowId) {
        AuthenticationFlowModel flow = flowId == null ? null : realm.getAuthenticationFlowById(flowId);
        return flow == null ? String.valueOf(flowId) : flow.getAlias();
    }

    String describe() {
        return switch (this) {
            case IN_PLACE -> "in place";
            case NO_FLOW -> "the flow does not exist";
            case MISSING -> "the gate is not a top-level step of the flow";
            case NOT_REQUIRED -> "the gate is in the flow but not Required";
            case BEFORE_IDENTITY -> "the gate is the flow's first step, before the user is identified";
        };
    }
}
