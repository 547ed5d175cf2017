package org.staffmfa.keycloak.exemption;

import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Makes exemptions importable with a realm (the demo realm has one) while keeping them out of users' hands: not
 * removable, and never offered in the account console (no authenticator references the type). Creating one through
 * the admin API's user creation is refused, because that would let an administrator without the MFA admin role grant
 * exemptions; grants go through {@code /admin/realms/{realm}/staff-mfa/users/{id}/exemptions}.
 */
final class ExemptionCredentialProvider implements CredentialProvider<CredentialModel> {

    private static final Logger LOG = Logger.getLogger(ExemptionCredentialProvider.class);

    private final KeycloakSession session;

    ExemptionCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return UserExemptions.CREDENTIAL_TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        if (isUserCreationThroughAdminApi()) {
            LOG.warnf("Refused an MFA exemption in a user creation request for %s in realm %s", user.getUsername(), realm.getName());
            throw new ModelException("MFA exemptions are granted only through the Staff MFA admin API");
        }
        return user.credentialManager().createStoredCredential(credential);
    }

    private boolean isUserCreationThroughAdminApi() {
        try {
            String path = session.getContext().getUri().getPath();
            return path != null && path.matches(".*/admin/realms/[^/]+/users/?");
        } catch (RuntimeException noHttpRequest) {
            return false; // import at server start (kc.sh --import-realm)
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
        return CredentialTypeMetadata.builder()
            .type(getType())
            .category(CredentialTypeMetadata.Category.TWO_FACTOR)
            .displayName("staffMfaExemptionDisplayName")
            .helpText("staffMfaExemptionHelpText")
            .removeable(false)
            .build(session);
    }
}
