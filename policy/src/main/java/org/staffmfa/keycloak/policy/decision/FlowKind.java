package org.staffmfa.keycloak.policy.decision;

/** The kind of flow a gate runs in. */
public enum FlowKind {
    /** Browser logins (OIDC, SAML), reset credentials, identity providers' post-login flows: pages can be shown. */
    BROWSER,
    /** The password grant: only an authenticator app's code can travel with the request. */
    PASSWORD_GRANT
}
