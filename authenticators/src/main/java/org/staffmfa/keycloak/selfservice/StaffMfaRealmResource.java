package org.staffmfa.keycloak.selfservice;

import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;
import org.staffmfa.keycloak.webpages.StaticPage;

/** {@code /realms/{realm}/staff-mfa/...}: the extension's pages served by Keycloak. */
public final class StaffMfaRealmResource {

    private final KeycloakSession session;

    StaffMfaRealmResource(KeycloakSession session) {
        this.session = session;
    }

    @Path("forget-browser")
    public ForgetBrowserResource forgetBrowser() {
        return new ForgetBrowserResource(session);
    }

    @Path("admin")
    public StaticPage admin() {
        return new StaticPage("staff-mfa-admin");
    }

    /** The user's own second factors: see, rename, add, remove (the last two through Keycloak's actions). */
    @Path("factors")
    public StaticPage factors() {
        return new StaticPage("staff-mfa-factors");
    }
}
