package org.staffmfa.keycloak.remember;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.stream.Collectors;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.staffmfa.keycloak.exemption.UserExemptions;
import org.staffmfa.keycloak.state.UserMfaState;

/**
 * A digest of everything that must void a remembered browser when it changes: the user's credentials (each added,
 * removed or replaced credential, including a password change, changes its id or creation time) and the user's
 * remember salt (which revocation replaces). Exemptions and the MFA state (which holds the salt and the time of the
 * last skipped enrolment), also stored as credentials, do not count. Not secret: it only has to change.
 */
final class CredentialFingerprint {

    private CredentialFingerprint() {
    }

    static String of(RealmModel realm, UserModel user, String salt) {
        String credentials = user.credentialManager().getStoredCredentialsStream()
            .filter(credential -> !PasswordCredentialModel.PASSWORD_HISTORY.equals(credential.getType()))
            .filter(credential -> !UserExemptions.CREDENTIAL_TYPE.equals(credential.getType()))
            .filter(credential -> !UserMfaState.CREDENTIAL_TYPE.equals(credential.getType()))
            .map(CredentialFingerprint::describe)
            .sorted()
            .collect(Collectors.joining("\n"));
        String material = realm.getId() + "\n" + user.getId() + "\n" + salt + "\n" + credentials;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(CredentialModel credential) {
        return credential.getType() + "|" + credential.getId() + "|" + credential.getCreatedDate();
    }
}
