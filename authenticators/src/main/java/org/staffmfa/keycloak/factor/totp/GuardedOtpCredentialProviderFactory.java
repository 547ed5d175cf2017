package org.staffmfa.keycloak.factor.totp;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.OTPCredentialProvider;
import org.keycloak.credential.OTPCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.staffmfa.keycloak.credential.CredentialCreationGuard;
import org.staffmfa.keycloak.factor.FactorRemovalRule;
import org.staffmfa.keycloak.secrets.FactorSecrets;

/**
 * Replaces Keycloak's {@code keycloak-otp} credential provider (same id; a provider from a JAR in {@code providers/}
 * wins over the built-in one) with one that differs only in when a user may remove an OTP credential
 * ({@link FactorRemovalRule}), in who may create one ({@link CredentialCreationGuard}), and in marking accepted codes
 * used for the gate as well.
 */
public final class GuardedOtpCredentialProviderFactory extends OTPCredentialProviderFactory {

    @Override
    public OTPCredentialProvider create(KeycloakSession session) {
        OtpCredentialVerifier verifier = new OtpCredentialVerifier();
        return new OTPCredentialProvider(session) {
            @Override
            public CredentialModel createCredential(RealmModel realm, UserModel user, OTPCredentialModel credential) {
                CredentialCreationGuard.requireMayAddFactor(session, realm, user, getType());
                // Keycloak's own "Configure OTP" action hands the secret in clear: sealed before it is stored.
                String value = credential.getOTPSecretData() == null ? null : credential.getOTPSecretData().getValue();
                if (value == null) {
                    return super.createCredential(realm, user, credential);
                }
                FactorSecrets.withId(credential);
                try {
                    credential.setSecretData(OtpSecrets.secretDataToStore(FactorSecrets.cipher(session), user, credential,
                        value));
                } catch (IllegalArgumentException e) {
                    throw new ModelException("Staff MFA: " + e.getMessage() + " (credential not stored)");
                }
                return super.createCredential(realm, user, OTPCredentialModel.createFromCredentialModel(credential));
            }

            /**
             * Keycloak's own OTP forms (e.g. in a first-broker-login flow) check codes here, with the extension's
             * verifier: it opens sealed secrets, and marks a code used in the extension's namespace, so the gate
             * refuses a code such a form accepted, and the other way round.
             */
            @Override
            public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
                if (input == null || input.getChallengeResponse() == null) {
                    return false;
                }
                return verifier.verifyOne(session, realm, user, input.getChallengeResponse(), input.getCredentialId())
                    .isValid();
            }

            @Override
            public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
                return FactorRemovalRule.apply(session, context.getUser(), super.getCredentialTypeMetadata(context));
            }
        };
    }
}
