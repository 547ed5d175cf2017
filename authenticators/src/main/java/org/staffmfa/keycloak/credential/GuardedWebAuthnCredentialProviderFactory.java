package org.staffmfa.keycloak.credential;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.WebAuthnCredentialProvider;
import org.keycloak.credential.WebAuthnCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.staffmfa.keycloak.factor.FactorRemovalRule;

/** Keycloak's {@code keycloak-webauthn} provider with the extension's {@link FactorRemovalRule} for removal. */
public final class GuardedWebAuthnCredentialProviderFactory extends WebAuthnCredentialProviderFactory {

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new WebAuthnCredentialProvider(session, getMetadataService(), createOrGetObjectConverter()) {
            @Override
            public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
                return FactorRemovalRule.apply(session, context.getUser(), super.getCredentialTypeMetadata(context));
            }
        };
    }
}
