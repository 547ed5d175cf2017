package org.staffmfa.keycloak.state;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.staffmfa.keycloak.credential.ExtensionKeptCredentialProvider;

/** Registers the credential type that keeps a user's MFA security state ({@link UserMfaState}). */
public final class UserMfaStateCredentialProviderFactory implements CredentialProviderFactory<ExtensionKeptCredentialProvider> {

    @Override
    public String getId() {
        return UserMfaState.CREDENTIAL_TYPE;
    }

    @Override
    public ExtensionKeptCredentialProvider create(KeycloakSession session) {
        return new ExtensionKeptCredentialProvider(session, UserMfaState.CREDENTIAL_TYPE, "staffMfaState",
            ExtensionKeptCredentialProvider.FromApi.LEFT_OUT);
    }
}
