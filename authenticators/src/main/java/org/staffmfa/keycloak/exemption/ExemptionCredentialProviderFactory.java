package org.staffmfa.keycloak.exemption;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the credential type that stores user exemptions. */
public final class ExemptionCredentialProviderFactory implements CredentialProviderFactory<ExemptionCredentialProvider> {

    @Override
    public String getId() {
        return UserExemptions.CREDENTIAL_TYPE;
    }

    @Override
    public ExemptionCredentialProvider create(KeycloakSession session) {
        return new ExemptionCredentialProvider(session);
    }
}
