package org.staffmfa.keycloak.factor.webauthn;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.WebAuthnCredentialProvider;
import org.keycloak.credential.WebAuthnCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.staffmfa.keycloak.credential.CredentialCreationGuard;
import org.staffmfa.keycloak.factor.FactorRemovalRule;

/**
 * Keycloak's {@code keycloak-webauthn} provider with the extension's {@link FactorRemovalRule} for removal and
 * {@link CredentialCreationGuard} for creation.
 */
public final class GuardedWebAuthnCredentialProviderFactory extends WebAuthnCredentialProviderFactory {

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new WebAuthnCredentialProvider(session, getMetadataService(), createOrGetObjectConverter()) {
            @Override
            public CredentialModel createCredential(RealmModel realm, UserModel user, WebAuthnCredentialModel credential) {
                CredentialCreationGuard.requireMayAddFactor(session, realm, user, getType());
                return super.createCredential(realm, user, credential);
            }

            @Override
            public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
                return FactorRemovalRule.apply(session, context.getUser(), super.getCredentialTypeMetadata(context));
            }
        };
    }
}
