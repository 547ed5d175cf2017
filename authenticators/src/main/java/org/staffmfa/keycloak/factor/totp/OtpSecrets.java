package org.staffmfa.keycloak.factor.totp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPSecretData;
import org.keycloak.models.utils.Base32;
import org.keycloak.util.JsonSerialization;
import org.staffmfa.keycloak.secrets.FactorSecrets;
import org.staffmfa.keycloak.secrets.SecretCipher;

/**
 * An authenticator app's shared secret as stored in Keycloak's {@code otp} credential: {@code secretData.value},
 * sealed ({@link SecretCipher}) when the server has a key, plain before that (and in Keycloak's own exports of that
 * time). Opened only in memory, to compute codes.
 */
public final class OtpSecrets {

    private OtpSecrets() {
    }

    /** The stored {@code secretData} for a new credential (which must already have its id). */
    static String secretData(SecretCipher cipher, CredentialModel credential, String base32Secret) {
        try {
            return JsonSerialization.writeValueAsString(new OTPSecretData(cipher.seal(base32Secret,
                FactorSecrets.binding(credential))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The key bytes, as Keycloak's {@code getDecodedSecret} gives them for a plain value.
     *
     * @throws SecretCipher.UnreadableSecret when the value is sealed with a key this server does not have
     */
    static byte[] decoded(SecretCipher cipher, OTPCredentialModel credential) {
        String value = cipher.open(credential.getOTPSecretData().getValue(), FactorSecrets.binding(credential));
        String encoding = credential.getOTPCredentialData().getSecretEncoding();
        if (encoding == null) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        if (OTPCredentialModel.SecretEncoding.BASE32.name().equalsIgnoreCase(encoding)) {
            return Base32.decode(value);
        }
        throw new IllegalStateException("Unsupported OTP secret encoding " + encoding + " of credential " + credential.getId());
    }

    /** Seals a plain value (or one sealed with an older key) with the current key; nothing when none is configured. */
    static void resealIfNeeded(SecretCipher cipher, UserModel user, OTPCredentialModel credential) {
        CredentialModel current = user.credentialManager().getStoredCredentialById(credential.getId());
        if (current != null) {
            reseal(cipher, user, current);
        }
    }

    /**
     * @return whether the credential was written (its secret was plain or sealed with an older key)
     * @throws SecretCipher.UnreadableSecret when it is sealed with a key this server does not have
     */
    public static boolean reseal(SecretCipher cipher, UserModel user, CredentialModel stored) {
        String value = OTPCredentialModel.createFromCredentialModel(stored).getOTPSecretData().getValue();
        if (!cipher.needsResealing(value)) {
            return false;
        }
        stored.setSecretData(secretData(cipher, stored, cipher.open(value, FactorSecrets.binding(stored))));
        user.credentialManager().updateStoredCredential(stored);
        return true;
    }

    /** The secret as stored (sealed or plain), to count and find what needs sealing; null when unreadable. */
    public static String storedValue(String secretData) {
        try {
            OTPSecretData data = JsonSerialization.readValue(secretData, OTPSecretData.class);
            return data == null ? null : data.getValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
