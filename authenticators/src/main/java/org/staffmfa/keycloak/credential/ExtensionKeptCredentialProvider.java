package org.staffmfa.keycloak.credential;

import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A credential type that only the extension writes (user exemptions, a user's MFA state): registered so that realm
 * imports keep it and the admin console names it, but never created through Keycloak's user APIs, whoever calls them
 * ({@link CredentialCreationGuard}), never removable by users, and never offered in the account console (no
 * authenticator references the type). The extension stores and changes such credentials directly.
 */
public final class ExtensionKeptCredentialProvider implements CredentialProvider<CredentialModel> {

    /** What a credential of the type in a user representation sent to a REST API gets. */
    public enum FromApi {
        /** 403 for the whole request: granting it that way would be a way around the MFA admin API. */
        REFUSED,
        /** Left out with a warning: exported users can be imported again, their MFA state starts afresh (strictly). */
        LEFT_OUT
    }

    private static final Logger LOG = Logger.getLogger(ExtensionKeptCredentialProvider.class);

    private final KeycloakSession session;
    private final String type;
    private final String messagePrefix;
    private final FromApi fromApi;

    /** @param messagePrefix message keys {@code <prefix>DisplayName} and {@code <prefix>HelpText} name the type */
    public ExtensionKeptCredentialProvider(KeycloakSession session, String type, String messagePrefix, FromApi fromApi) {
        this.session = session;
        this.type = type;
        this.messagePrefix = messagePrefix;
        this.fromApi = fromApi;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        if (fromApi == FromApi.LEFT_OUT && CredentialCreationGuard.isApiCaller(session, realm)) {
            LOG.warnf("Staff MFA: left out a %s credential sent for user %s in realm %s through a REST API; the extension "
                + "keeps this state itself", type, user.getUsername(), realm.getName());
            return credential; // not stored; Keycloak's callers only need an answer that is not null
        }
        CredentialCreationGuard.requireNoApiCaller(session, realm, user, type);
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
            .type(type)
            .category(CredentialTypeMetadata.Category.TWO_FACTOR)
            .displayName(messagePrefix + "DisplayName")
            .helpText(messagePrefix + "HelpText")
            .removeable(false)
            .build(session);
    }
}
