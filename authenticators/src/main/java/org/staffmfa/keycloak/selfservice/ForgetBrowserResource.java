package org.staffmfa.keycloak.selfservice;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.remember.RememberedBrowsers;

/**
 * "Forget this browser": {@code /realms/{realm}/staff-mfa/forget-browser} shows a button that takes every remember
 * cookie of the realm off this browser. Works without login and without JavaScript. The cookies are SameSite=Lax, so
 * a cross-site form cannot make a browser forget.
 */
public final class ForgetBrowserResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    ForgetBrowserResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return page(false, 0);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response forget() {
        int forgotten = new RememberedBrowsers().forgetThisBrowser(session, realm);
        return page(true, forgotten);
    }

    private Response page(boolean done, int forgotten) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
            .setAttribute(StaffMfaPages.PAGE_ATTRIBUTE, Map.of(
                "done", done,
                "forgotten", forgotten,
                "action", session.getContext().getUri().getRequestUri().toString()));
        return form.createForm(StaffMfaPages.FORGET_BROWSER_TEMPLATE);
    }
}
