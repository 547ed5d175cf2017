package org.staffmfa.keycloak.webpages;

import java.util.Set;

import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * The public OIDC clients the extension's pages sign in with — {@value #CLIENT_ID} for the MFA administration page,
 * {@value #ACCOUNT_CLIENT_ID} for the user's factors page — created in every realm that has a {@code realm-management}
 * client (like Keycloak's own {@code account-console}). They only let a page get a token for the signed-in person:
 * what they may do is decided by their roles, checked by the admin or account API.
 */
public final class PageClients {

    public static final String CLIENT_ID = "staff-mfa-admin";
    public static final String ACCOUNT_CLIENT_ID = "staff-mfa-factors";

    private PageClients() {
    }

    public static void ensure(RealmModel realm) {
        if (realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID) == null) {
            return;
        }
        ensure(realm, CLIENT_ID, "Staff MFA administration", "admin");
        ensure(realm, ACCOUNT_CLIENT_ID, "My second factors", "factors");
    }

    private static void ensure(RealmModel realm, String clientId, String name, String page) {
        if (realm.getClientByClientId(clientId) != null) {
            return;
        }
        ClientModel client = realm.addClient(clientId);
        client.setName(name);
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setFullScopeAllowed(true);
        client.setRootUrl(Constants.AUTH_BASE_URL_PROP);
        client.setBaseUrl("/realms/" + realm.getName() + "/staff-mfa/" + page + "/");
        client.setRedirectUris(Set.of("/realms/" + realm.getName() + "/staff-mfa/" + page + "/*"));
        client.setWebOrigins(Set.of("+"));
        client.setAttribute("pkce.code.challenge.method", OAuth2Constants.PKCE_METHOD_S256);
        client.setAttribute("post.logout.redirect.uris", "+");
        client.setEnabled(true);
    }
}
