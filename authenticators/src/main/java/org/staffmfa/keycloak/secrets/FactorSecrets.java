package org.staffmfa.keycloak.secrets;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;

/**
 * Seals and opens the secrets of second-factor credentials with the server's keys. A value is bound to its credential
 * (type and id), so each credential gets its id before it is stored.
 */
public final class FactorSecrets {

    /** The provider that holds the server's key file: the Staff MFA admin extension. */
    public interface Source {
        KeyFile keyFile();
    }

    private FactorSecrets() {
    }

    public static SecretCipher cipher(KeycloakSession session) {
        Object factory = session.getKeycloakSessionFactory().getProviderFactory(AdminRealmResourceProvider.class, "staff-mfa");
        if (factory instanceof Source source) {
            return source.keyFile().cipher();
        }
        throw new IllegalStateException("Staff MFA: the admin extension that holds the key file is not installed");
    }

    /**
     * What a credential's sealed values are bound to: its type, its user and its id, so that a value copied into
     * another credential, or a row moved to another user, does not open.
     */
    public static String binding(UserModel user, CredentialModel credential) {
        return credential.getType() + ":" + user.getId() + ":" + credential.getId();
    }

    /** Gives a new credential its id now, so that its secret can be bound to it before it is stored. */
    public static CredentialModel withId(CredentialModel credential) {
        if (credential.getId() == null) {
            credential.setId(KeycloakModelUtils.generateId());
        }
        return credential;
    }
}
