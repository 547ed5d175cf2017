package org.staffmfa.keycloak.factor.recovery;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProvider;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.staffmfa.keycloak.credential.CredentialCreationGuard;
import org.staffmfa.keycloak.factor.FactorRemovalRule;

/**
 * Keycloak's {@code keycloak-recovery-authn-codes} provider with the extension's {@link FactorRemovalRule} and
 * {@link CredentialCreationGuard}.
 */
public final class GuardedRecoveryCodesCredentialProviderFactory extends RecoveryAuthnCodesCredentialProviderFactory {

    @Override
    public RecoveryAuthnCodesCredentialProvider create(KeycloakSession session) {
        return new RecoveryAuthnCodesCredentialProvider(session) {
            @Override
            public CredentialModel createCredential(RealmModel realm, UserModel user,
                                                    RecoveryAuthnCodesCredentialModel credential) {
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
