package org.staffmfa.keycloak.factor;

import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.session.FactorChanges;

/**
 * When a user may remove one of their second factors themselves. Keycloak asks each credential provider whether its
 * type is "removeable" before the account API ({@code DELETE /account/credentials/{id}}) or the
 * {@code delete_credential} action removes a credential; the extension's providers answer with this rule:
 * <ul>
 *   <li>a second factor must have been verified in this session within the realm's fresh-verification window
 *       (closes GHSA-8g9r-9wjw-37j4: a password-only session cannot remove a factor);</li>
 *   <li>in required mode the last factor that can stand alone is never removable by the user.</li>
 * </ul>
 * Listing credentials (a GET) still says "removeable", so the account console shows its Delete button, which starts
 * the {@code delete_credential} action: the MFA gate asks for a factor first, then the rule holds.
 */
public final class FactorRemovalRule {

    private FactorRemovalRule() {
    }

    public static CredentialTypeMetadata apply(KeycloakSession session, UserModel user, CredentialTypeMetadata metadata) {
        if (!metadata.isRemoveable() || user == null || isListing(session) || mayRemove(session, user, metadata.getType())) {
            return metadata;
        }
        CredentialTypeMetadata.CredentialTypeMetadataBuilder restricted = CredentialTypeMetadata.builder()
            .type(metadata.getType())
            .category(metadata.getCategory())
            .displayName(metadata.getDisplayName())
            .helpText(metadata.getHelpText())
            .iconCssClass(metadata.getIconCssClass())
            .removeable(false);
        if (metadata.getCreateAction() != null) {
            restricted.createAction(metadata.getCreateAction());
        }
        if (metadata.getUpdateAction() != null) {
            restricted.updateAction(metadata.getUpdateAction());
        }
        return restricted.build(session);
    }

    public static boolean mayRemove(KeycloakSession session, UserModel user, String credentialType) {
        RealmModel realm = session.getContext().getRealm();
        if (!FactorCredentialTypes.isSecondFactor(credentialType) || realm == null) {
            return true;
        }
        return FactorChanges.isFresh(realm, FactorChanges.verifiedAt(session))
            && !isLastStandAloneFactor(session, realm, user, credentialType);
    }

    /** Required mode, and no other factor the user could log in with would be left. */
    public static boolean isLastStandAloneFactor(KeycloakSession session, RealmModel realm, UserModel user,
                                                 String credentialType) {
        EffectivePolicy policy = new UserPolicies().forUser(session, realm, user);
        if (policy.mode() != MfaMode.REQUIRED) {
            return false;
        }
        Factor removed = FactorCredentialTypes.factorOf(credentialType).orElseThrow();
        if (removed == Factor.RECOVERY_CODES) {
            return false;
        }
        long standAlone = user.credentialManager().getStoredCredentialsStream()
            .map(credential -> FactorCredentialTypes.factorOf(credential.getType()))
            .flatMap(java.util.Optional::stream)
            .filter(factor -> factor != Factor.RECOVERY_CODES && policy.allows(factor))
            .count();
        return standAlone <= 1 && policy.allows(removed);
    }

    private static boolean isListing(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        return request != null && "GET".equals(request.getHttpMethod());
    }
}
