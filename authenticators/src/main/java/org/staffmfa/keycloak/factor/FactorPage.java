package org.staffmfa.keycloak.factor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.RememberOffer;

/**
 * The gate's page for one factor, with buttons for the user's other usable factors ("try another way") and, where
 * allowed, the "Remember this browser" box.
 */
public final class FactorPage {

    private final Factor current;
    private final List<Factor> usable;
    private final RememberOffer remember;

    public FactorPage(Factor current, List<Factor> usable, RememberOffer remember) {
        this.current = current;
        this.usable = List.copyOf(usable);
        this.remember = remember;
    }

    Factor current() {
        return current;
    }

    public RememberOffer remember() {
        return remember;
    }

    public Response page(AuthenticationFlowContext context, String template) {
        return form(context, Map.of()).createForm(template);
    }

    /** The same page with one message under the given field, e.g. "invalid code". */
    public Response pageWithError(AuthenticationFlowContext context, String template, String field, String messageKey) {
        return form(context, Map.of()).addError(new FormMessage(field, messageKey)).createForm(template);
    }

    /** The page's form with the common attributes and a challenge's own, to add messages to before rendering. */
    public LoginFormsProvider form(AuthenticationFlowContext context, Map<String, Object> extra) {
        Map<String, Object> attributes = new HashMap<>(remember.pageAttributes());
        attributes.put("factor", current.id());
        attributes.put("otherFactors", usable.stream().filter(factor -> factor != current).map(Factor::id).toList());
        attributes.putAll(extra);
        return context.form().setAttribute(StaffMfaPages.PAGE_ATTRIBUTE, attributes);
    }
}
