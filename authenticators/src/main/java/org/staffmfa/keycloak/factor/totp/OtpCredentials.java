package org.staffmfa.keycloak.factor.totp;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;
import org.keycloak.models.credential.dto.OTPSecretData;
import org.keycloak.util.JsonSerialization;

/**
 * Creates Keycloak's own {@code otp} credentials, so that the account console and admin console list and delete them
 * and Keycloak's stock OTP authenticators accept them too. The secret is stored base32-encoded (Keycloak's
 * {@code secretEncoding=BASE32}), exactly as the user typed or scanned it.
 */
public final class OtpCredentials {

    private OtpCredentials() {
    }

    /**
     * @param policy     the realm OTP policy: type, algorithm, digits, period, initial counter
     * @param nextCounter for HOTP, the counter after the one the user confirmed with; ignored for TOTP
     */
    public static CredentialModel create(UserModel user, OTPPolicy policy, String base32Secret, long nextCounter,
                                         String label) {
        boolean hotp = OTPCredentialModel.HOTP.equals(policy.getType());
        OTPCredentialData data = new OTPCredentialData(
            hotp ? OTPCredentialModel.HOTP : OTPCredentialModel.TOTP,
            policy.getDigits(),
            hotp ? Math.toIntExact(nextCounter) : 0,
            hotp ? 0 : policy.getPeriod(),
            policy.getAlgorithm(),
            OTPCredentialModel.SecretEncoding.BASE32.name());
        CredentialModel credential = new CredentialModel();
        credential.setType(OTPCredentialModel.TYPE);
        credential.setUserLabel(label);
        credential.setCreatedDate(Time.currentTimeMillis());
        try {
            credential.setCredentialData(JsonSerialization.writeValueAsString(data));
            credential.setSecretData(JsonSerialization.writeValueAsString(new OTPSecretData(base32Secret)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return user.credentialManager().createStoredCredential(credential);
    }
}
