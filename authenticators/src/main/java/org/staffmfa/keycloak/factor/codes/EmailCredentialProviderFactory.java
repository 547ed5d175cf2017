package org.staffmfa.keycloak.factor.codes;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the {@code staff-mfa-email} credential type. */
public final class EmailCredentialProviderFactory implements CredentialProviderFactory<ContactCredentialProvider> {

    @Override
    public String getId() {
        return Channel.EMAIL.credentialType();
    }

    @Override
    public ContactCredentialProvider create(KeycloakSession session) {
        return new ContactCredentialProvider(session, Channel.EMAIL);
    }
}
