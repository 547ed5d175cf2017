package org.staffmfa.keycloak.credential;

import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.OTPCredentialProvider;
import org.keycloak.credential.OTPCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.staffmfa.keycloak.factor.FactorRemovalRule;

/**
 * Replaces Keycloak's {@code keycloak-otp} credential provider (same id; a provider from a JAR in {@code providers/}
 * wins over the built-in one) with one that differs only in when a user may remove an OTP credential
 * ({@link FactorRemovalRule}).
 */
public final class GuardedOtpCredentialProviderFactory extends OTPCredentialProviderFactory {

    @Override
    public OTPCredentialProvider create(KeycloakSession session) {
        return new OTPCredentialProvider(session) {
            @Override
            public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
                return FactorRemovalRule.apply(session, context.getUser(), super.getCredentialTypeMetadata(context));
            }
        };
    }
}
