package org.staffmfa.keycloak.factor;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Which stored credential types are second factors, and of which factor. Passwords, passkeys used as a first factor
 * and MFA exemptions are not: the admin API and self-service rules for factors never touch them.
 */
public final class FactorCredentialTypes {

    private static final Map<Factor, String> TYPES = Map.of(
        Factor.TOTP, OTPCredentialModel.TYPE,
        Factor.WEBAUTHN, WebAuthnCredentialModel.TYPE_TWOFACTOR,
        Factor.SMS, "staff-mfa-sms",
        Factor.EMAIL, "staff-mfa-email",
        Factor.RECOVERY_CODES, RecoveryAuthnCodesCredentialModel.TYPE);

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
