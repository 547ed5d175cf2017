package org.staffmfa.keycloak.factor.totp;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;
import org.keycloak.util.JsonSerialization;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.secrets.FactorSecrets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Creates Keycloak's own {@code otp} credentials, so that the account console and admin console list and delete them
 * and Keycloak's stock OTP authenticators accept them too (through the extension's OTP credential provider). The secret
 * is stored base32-encoded (Keycloak's {@code secretEncoding=BASE32}), sealed with the server's key when one is
 * configured ({@link OtpSecrets}).
 */
public final class OtpCredentials {

    private OtpCredentials() {
    }

    /**
     * @param policy     the realm OTP policy: type, digits, period, initial counter
     * @param algorithm  the realm policy's algorithm, or a stronger one the user's groups ask for
     * @param nextCounter for HOTP, the counter after the one the user confirmed with; ignored for TOTP
     */
    public static CredentialModel create(KeycloakSession session, UserModel user, OTPPolicy policy, OtpAlgorithm algorithm,
                                         String base32Secret, long nextCounter, String label) {
        boolean hotp = OTPCredentialModel.HOTP.equals(policy.getType());
        OTPCredentialData data = new OTPCredentialData(
            hotp ? OTPCredentialModel.HOTP : OTPCredentialModel.TOTP,
            policy.getDigits(),
            hotp ? Math.toIntExact(nextCounter) : 0,
            hotp ? 0 : policy.getPeriod(),
            algorithm.javaName(),
            OTPCredentialModel.SecretEncoding.BASE32.name());
        CredentialModel credential = FactorSecrets.withId(new CredentialModel());
        credential.setType(OTPCredentialModel.TYPE);
        credential.setUserLabel(label);
        credential.setCreatedDate(Time.currentTimeMillis());
        try {
            credential.setCredentialData(JsonSerialization.writeValueAsString(data));
            credential.setSecretData(OtpSecrets.secretData(FactorSecrets.cipher(session), user, credential, base32Secret));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return user.credentialManager().createStoredCredential(credential);
    }

    /** The algorithm a new app gets: the realm OTP policy's, unless the user's groups ask for a stronger one. */
    public static OtpAlgorithm algorithmFor(OTPPolicy realmPolicy, OtpAlgorithm groupMinimum) {
        return OtpAlgorithm.stronger(OtpAlgorithm.fromName(realmPolicy.getAlgorithm()).orElse(OtpAlgorithm.SHA1),
            groupMinimum);
    }

    /** An app's algorithm from its stored credential data; Keycloak's default (SHA-1) when unreadable. */
    public static OtpAlgorithm algorithm(String credentialData) {
        try {
            JsonNode data = JsonSerialization.readValue(credentialData, JsonNode.class);
            return OtpAlgorithm.fromName(data == null ? "" : data.path("algorithm").asText("")).orElse(OtpAlgorithm.SHA1);
        } catch (IOException | RuntimeException e) {
            return OtpAlgorithm.SHA1;
        }
    }
}
