package org.staffmfa.keycloak.factor.totp;

import java.util.List;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

/**
 * Authenticator apps weaker than the user's groups allow ({@code totpMinAlgorithm}). Such an app still proves who the
 * user is (no HMAC-SHA-1 code has been forged), so it is accepted once more; right after, the user sets up a new app
 * with the stronger algorithm, and only when that one is confirmed are the weak ones removed: no one is ever left
 * without a working factor in between.
 */
public final class AppReplacement {

    private AppReplacement() {
    }

    /** The user's apps whose algorithm is weaker than the policy's minimum; none when the policy does not use apps. */
    public static List<CredentialModel> weakApps(EffectivePolicy policy, UserModel user) {
        if (!policy.allows(Factor.TOTP) || policy.appMinAlgorithm() == OtpAlgorithm.SHA1) {
            return List.of();
        }
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
            .filter(credential -> policy.appTooWeak(OtpCredentials.algorithm(credential.getCredentialData())))
            .toList();
    }

    public static boolean due(EffectivePolicy policy, UserModel user) {
        return !weakApps(policy, user).isEmpty();
    }

    /** The weakest algorithm among the user's weak apps, for the page that says why. */
    public static Optional<OtpAlgorithm> weakest(EffectivePolicy policy, UserModel user) {
        return weakApps(policy, user).stream().map(credential -> OtpCredentials.algorithm(credential.getCredentialData()))
            .min(Enum::compareTo);
    }

    /**
     * Removes the weak apps once their replacement is confirmed (the replacement itself has the stronger algorithm, so
     * it is never among them).
     *
     * @return the ids of the apps removed
     */
    public static List<String> removeReplaced(EffectivePolicy policy, UserModel user) {
        return weakApps(policy, user).stream().map(CredentialModel::getId)
            .filter(id -> user.credentialManager().removeStoredCredentialById(id))
            .toList();
    }
}
