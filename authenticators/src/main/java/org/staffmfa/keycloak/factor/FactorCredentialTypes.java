package org.staffmfa.keycloak.factor;

import java.util.Map;
import java.util.Optional;

import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.staffmfa.keycloak.codes.Channel;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.recovery.RecoveryCodes;

/**
 * Which stored credential types are second factors, and of which factor. Passwords, passkeys used as a first factor
 * and MFA exemptions are not: the admin API and self-service rules for factors never touch them.
 */
public final class FactorCredentialTypes {

    private static final Map<String, Factor> FACTORS = Map.of(
        OTPCredentialModel.TYPE, Factor.TOTP,
        WebAuthnCredentialModel.TYPE_TWOFACTOR, Factor.WEBAUTHN,
        Channel.SMS.credentialType(), Factor.SMS,
        Channel.EMAIL.credentialType(), Factor.EMAIL,
        RecoveryCodes.CREDENTIAL_TYPE, Factor.RECOVERY_CODES);

    private FactorCredentialTypes() {
    }

    public static Optional<Factor> factorOf(String credentialType) {
        return Optional.ofNullable(credentialType).map(FACTORS::get);
    }

    public static boolean isSecondFactor(String credentialType) {
        return factorOf(credentialType).isPresent();
    }
}
