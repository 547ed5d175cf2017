package org.staffmfa.keycloak.admin.page;

import java.util.Set;

import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * The public OIDC client the MFA administration page signs in with, created in every realm that has a
 * {@code realm-management} client (like Keycloak's own {@code account-console}). It only lets the page get a token
 * for the signed-in administrator: what they may do is decided by their roles, checked by the admin API.
 */
public final class MfaAdminClient {

    public static final String CLIENT_ID = "staff-mfa-admin";

    private MfaAdminClient() {
    }

    public static void ensure(RealmModel realm) {
        if (realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID) == null
            || realm.getClientByClientId(CLIENT_ID) != null) {
            return;
        }
        ClientModel client = realm.addClient(CLIENT_ID);
        client.setName("Staff MFA administration");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setFullScopeAllowed(true);
        client.setRootUrl(Constants.AUTH_BASE_URL_PROP);
        client.setBaseUrl("/realms/" + realm.getName() + "/staff-mfa/admin/");
        client.setRedirectUris(Set.of("/realms/" + realm.getName() + "/staff-mfa/admin/*"));
        client.setWebOrigins(Set.of("+"));
        client.setAttribute("pkce.code.challenge.method", OAuth2Constants.PKCE_METHOD_S256);
        client.setAttribute("post.logout.redirect.uris", "+");
        client.setEnabled(true);
    }
}
