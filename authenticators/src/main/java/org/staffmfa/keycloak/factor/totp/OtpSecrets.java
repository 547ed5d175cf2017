package org.staffmfa.keycloak.factor.totp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
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
    static String secretData(SecretCipher cipher, UserModel user, CredentialModel credential, String base32Secret) {
        try {
            return JsonSerialization.writeValueAsString(new OTPSecretData(cipher.seal(base32Secret,
                FactorSecrets.binding(user, credential))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The key bytes, as Keycloak's {@code getDecodedSecret} gives them for a plain value.
     *
     * @throws SecretCipher.UnreadableSecret when the value is sealed with a key this server does not have
     */
    static byte[] decoded(SecretCipher cipher, UserModel user, OTPCredentialModel credential) {
        String value = cipher.open(credential.getOTPSecretData().getValue(), FactorSecrets.binding(user, credential));
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
        stored.setSecretData(secretData(cipher, user, stored, cipher.open(value, FactorSecrets.binding(user, stored))));
        user.credentialManager().updateStoredCredential(stored);
        return true;
    }

    /**
     * Like {@link #reseal}, outside a login (the re-encrypt command): an HOTP credential is resealed only while no
     * login checks it, and re-read inside that guard, so a counter a login moved on meanwhile is never written back.
     *
     * @return whether the credential was written; false also when a login holds it now (the next batch retries)
     */
    public static boolean resealOutsideLogin(KeycloakSession session, RealmModel realm, SecretCipher cipher,
                                             UserModel user, String credentialId) {
        CredentialModel stored = user.credentialManager().getStoredCredentialById(credentialId);
        if (stored == null) {
            return false;
        }
        if (!OTPCredentialModel.HOTP.equals(OTPCredentialModel.createFromCredentialModel(stored)
                .getOTPCredentialData().getSubType())) {
            return reseal(cipher, user, stored);
        }
        if (!OtpReplayGuard.startHotpCheck(session, realm, credentialId)) {
            return false;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                OtpReplayGuard.endHotpCheck(session, realm, credentialId);
            }

            @Override
            protected void rollbackImpl() {
                OtpReplayGuard.endHotpCheck(session, realm, credentialId);
            }
        });
        CredentialModel fresh = user.credentialManager().getStoredCredentialById(credentialId);
        return fresh != null && reseal(cipher, user, fresh);
    }

    /**
     * A secret handed to the OTP credential provider to store: sealed with the current key; a value that is sealed
     * already (an export of this server) is taken only if it opens here for this very credential — anything else
     * (a form field starting with the prefix, a value from another server) is refused.
     *
     * @throws IllegalArgumentException when a sealed value does not open here
     */
    static String secretDataToStore(SecretCipher cipher, UserModel user, CredentialModel credential, String value) {
        if (SecretCipher.isSealed(value)) {
            try {
                cipher.open(value, FactorSecrets.binding(user, credential));
            } catch (SecretCipher.UnreadableSecret e) {
                throw new IllegalArgumentException("a sealed authenticator-app secret that does not open on this server");
            }
            try {
                return JsonSerialization.writeValueAsString(new OTPSecretData(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return secretData(cipher, user, credential, value);
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
