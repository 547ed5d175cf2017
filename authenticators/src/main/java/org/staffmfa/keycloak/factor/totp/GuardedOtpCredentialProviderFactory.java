package org.staffmfa.keycloak.factor.totp;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.OTPCredentialProvider;
import org.keycloak.credential.OTPCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.staffmfa.keycloak.credential.CredentialCreationGuard;
import org.staffmfa.keycloak.factor.FactorRemovalRule;
import org.staffmfa.keycloak.factor.totp.OtpReplayGuard;

/**
 * Replaces Keycloak's {@code keycloak-otp} credential provider (same id; a provider from a JAR in {@code providers/}
 * wins over the built-in one) with one that differs only in when a user may remove an OTP credential
 * ({@link FactorRemovalRule}), in who may create one ({@link CredentialCreationGuard}), and in marking accepted codes
 * used for the gate as well.
 */
public final class GuardedOtpCredentialProviderFactory extends OTPCredentialProviderFactory {

    @Override
    public OTPCredentialProvider create(KeycloakSession session) {
        return new OTPCredentialProvider(session) {
            @Override
            public CredentialModel createCredential(RealmModel realm, UserModel user, OTPCredentialModel credential) {
                CredentialCreationGuard.requireMayAddFactor(session, realm, user, getType());
                return super.createCredential(realm, user, credential);
            }

            /**
             * Keycloak's own OTP forms (e.g. in a first-broker-login flow) check codes here: a code they accept is
             * marked used in the extension's namespace too, so the gate refuses it, and a code the gate used is
             * refused here.
             */
            @Override
            public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
                if (!super.isValid(realm, user, input)) {
                    return false;
                }
                OTPCredentialModel credential = OTPCredentialModel.createFromCredentialModel(
                    user.credentialManager().getStoredCredentialById(input.getCredentialId()));
                if (!OTPCredentialModel.TOTP.equals(credential.getOTPCredentialData().getSubType())) {
                    return true;
                }
                return OtpReplayGuard.firstUseOfTotp(session, realm, credential.getId(), input.getChallengeResponse(),
                    credential.getOTPCredentialData().getPeriod(), realm.getOTPPolicy().getLookAheadWindow());
            }

            @Override
            public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
                return FactorRemovalRule.apply(session, context.getUser(), super.getCredentialTypeMetadata(context));
            }
        };
    }
}
