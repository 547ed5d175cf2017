package org.staffmfa.keycloak.factor.codes;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.credential.CredentialCreationGuard;
import org.staffmfa.keycloak.factor.FactorRemovalRule;

/**
 * Registers the email and SMS factor credential types, so that realm imports keep them and consoles name them; who may
 * create one through Keycloak's user APIs is {@link CredentialCreationGuard}'s decision.
 */
final class ContactCredentialProvider implements CredentialProvider<CredentialModel> {

    private final KeycloakSession session;
    private final Channel channel;

    ContactCredentialProvider(KeycloakSession session, Channel channel) {
        this.session = session;
        this.channel = channel;
    }

    @Override
    public String getType() {
        return channel.credentialType();
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        CredentialCreationGuard.requireMayAddFactor(session, realm, user, getType());
        try {
            // Handed over in clear (admin REST, realm import): stored the way enrolment stores it, sealed.
            return user.credentialManager().createStoredCredential(
                ContactCredentials.forStorage(session, user, channel, credential));
        } catch (IllegalArgumentException e) {
            throw new ModelException("Staff MFA: " + getType() + " credential not stored: " + e.getMessage());
        }
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
        return FactorRemovalRule.apply(session, metadataContext.getUser(), CredentialTypeMetadata.builder()
            .type(getType())
            .category(CredentialTypeMetadata.Category.TWO_FACTOR)
            .displayName("staffMfaFactorName-" + channel.id())
            .helpText("staffMfaFactorHelp-" + channel.id())
            .iconCssClass(channel == Channel.EMAIL ? "fas fa-envelope" : "fas fa-sms")
            .removeable(true)
            .build(session));
    }
}
