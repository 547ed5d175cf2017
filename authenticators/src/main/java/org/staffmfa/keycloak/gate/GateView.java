package org.staffmfa.keycloak.gate;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.utils.FormMessage;
import org.staffmfa.keycloak.mfa.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;

/** The gate's page for one factor, with buttons for the user's other usable factors ("try another way"). */
final class GateView {

    private final Factor current;
    private final List<Factor> usable;

    GateView(Factor current, List<Factor> usable) {
        this.current = current;
        this.usable = List.copyOf(usable);
    }

    Factor current() {
        return current;
    }

    Response page(AuthenticationFlowContext context, String template) {
        return context.form().setAttribute(StaffMfaPages.PAGE_ATTRIBUTE, attributes()).createForm(template);
    }

    /** The same page with one message under the given field, e.g. "invalid code". */
    Response pageWithError(AuthenticationFlowContext context, String template, String field, String messageKey) {
        return context.form()
            .setAttribute(StaffMfaPages.PAGE_ATTRIBUTE, attributes())
            .addError(new FormMessage(field, messageKey))
            .createForm(template);
    }

    private Map<String, Object> attributes() {
        return Map.of(
            "factor", current.id(),
            "otherFactors", usable.stream().filter(factor -> factor != current).map(Factor::id).toList());
    }
}
