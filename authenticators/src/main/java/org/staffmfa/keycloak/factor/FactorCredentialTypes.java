package org.staffmfa.keycloak.factor;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

    private static final Map<Factor, String> TYPES = Map.of(
        Factor.TOTP, OTPCredentialModel.TYPE,
        Factor.WEBAUTHN, WebAuthnCredentialModel.TYPE_TWOFACTOR,
        Factor.SMS, Channel.SMS.credentialType(),
        Factor.EMAIL, Channel.EMAIL.credentialType(),
        Factor.RECOVERY_CODES, RecoveryCodes.CREDENTIAL_TYPE);

    private static final Map<String, Factor> FACTORS = TYPES.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private FactorCredentialTypes() {
    }

    /** The credential type that stores the factor. */
    public static String typeOf(Factor factor) {
        return TYPES.get(factor);
    }

    public static Optional<Factor> factorOf(String credentialType) {
        return Optional.ofNullable(credentialType).map(FACTORS::get);
    }

    public static boolean isSecondFactor(String credentialType) {
        return factorOf(credentialType).isPresent();
    }
}
