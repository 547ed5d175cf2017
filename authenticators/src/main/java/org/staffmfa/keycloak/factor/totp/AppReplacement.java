package org.staffmfa.keycloak.factor.totp;

import java.util.List;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.session.MfaNotes;

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

    /**
     * A new app is to be set up: the user has apps weaker than the minimum and none that meets it. A user who already
     * has a strong enough app is not asked for another; the weak ones are retired instead ({@link #retireWeakApps}).
     */
    public static boolean due(EffectivePolicy policy, UserModel user) {
        return !weakApps(policy, user).isEmpty() && !hasStrongEnoughApp(policy, user);
    }

    private static boolean hasStrongEnoughApp(EffectivePolicy policy, UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
            .anyMatch(credential -> !policy.appTooWeak(OtpCredentials.algorithm(credential.getCredentialData())));
    }

    /**
     * After a second factor passed: weak apps of a user who also has a strong enough one are removed, each with its
     * {@code REMOVE_CREDENTIAL} event (the user keeps a working app, the group's minimum holds from now on).
     *
     * @return the ids of the apps removed; none when a new app is due instead, or nothing is weak
     */
    public static List<String> retireWeakApps(EffectivePolicy policy, UserModel user, EventBuilder event) {
        // Weak apps first: without a minimum above SHA1 that answers without reading the user's credentials.
        return !weakApps(policy, user).isEmpty() && hasStrongEnoughApp(policy, user)
            ? removeWeakApps(policy, user, event) : List.of();
    }

    /** The weakest algorithm among the user's weak apps, for the page that says why. */
    public static Optional<OtpAlgorithm> weakest(EffectivePolicy policy, UserModel user) {
        return weakApps(policy, user).stream().map(credential -> OtpCredentials.algorithm(credential.getCredentialData()))
            .min(Enum::compareTo);
    }

    /**
     * Removes the weak apps, each with a {@code REMOVE_CREDENTIAL} event cloned from {@code event}; called once a strong
     * enough app is there (a replacement just confirmed, or one the user had), so it never leaves the user without one.
     *
     * @return the ids of the apps removed
     */
    public static List<String> removeWeakApps(EffectivePolicy policy, UserModel user, EventBuilder event) {
        List<String> removed = weakApps(policy, user).stream().map(CredentialModel::getId)
            .filter(id -> user.credentialManager().removeStoredCredentialById(id))
            .toList();
        removed.forEach(id -> event.clone().event(EventType.REMOVE_CREDENTIAL).user(user)
            .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
            .detail(Details.CREDENTIAL_ID, id)
            .detail(MfaEventDetails.ENROLMENT, MfaNotes.ENROLMENT_REPLACE_APP)
            .success());
        return removed;
    }
}
