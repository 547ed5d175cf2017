package org.staffmfa.keycloak.factor.totp;

import java.util.List;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
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
 * with the stronger algorithm, and only when that one is confirmed are the weak ones removed. A user who signs in with
 * a strong enough app they already have loses the weak ones at once. Either way a weak app goes only once a strong
 * one has produced a code: no one is ever left without a working factor.
 */
public final class AppReplacement {

    /** Request attribute: the id of the app whose code passed in this request (set by the code check, read by the gate). */
    private static final String VERIFIED_APP = "staff-mfa.verified-app";

    private AppReplacement() {
    }

    /** Called by the code check when {@code appId}'s code passed; lives only as long as this request. */
    static void codePassed(KeycloakSession session, String appId) {
        session.setAttribute(VERIFIED_APP, appId);
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

    /**
     * After a code passed in this request ({@link #codePassed}): when the app that made it meets the minimum, the user's
     * weak apps go, each with its {@code REMOVE_CREDENTIAL} event, and no new app is asked for. Only the app that just produced a
     * code counts as proof: an app that is merely stored (set up by an administrator or an import, on a lost phone, its
     * secret unreadable here) does not, and a login with the weak app or another factor leaves everything to
     * {@link #due}.
     *
     * @return the ids of the apps removed
     */
    public static List<String> retireWeakAppsAfterCode(KeycloakSession session, EffectivePolicy policy, UserModel user,
                                                       EventBuilder event) {
        String verifiedAppId = session.getAttribute(VERIFIED_APP, String.class);
        // Weak apps first: without a minimum above SHA1 that answers without reading the user's credentials.
        List<CredentialModel> weak = verifiedAppId == null ? List.of() : weakApps(policy, user);
        if (weak.isEmpty()) {
            return List.of();
        }
        CredentialModel verified = user.credentialManager().getStoredCredentialById(verifiedAppId);
        boolean strongEnough = verified != null && OTPCredentialModel.TYPE.equals(verified.getType())
            && !policy.appTooWeak(OtpCredentials.algorithm(verified.getCredentialData()));
        return strongEnough ? remove(weak, user, event, MfaNotes.ENROLMENT_STRONG_APP_USED) : List.of();
    }

    /** The weakest algorithm among the user's weak apps, for the page that says why. */
    public static Optional<OtpAlgorithm> weakest(EffectivePolicy policy, UserModel user) {
        return weakApps(policy, user).stream().map(credential -> OtpCredentials.algorithm(credential.getCredentialData()))
            .min(Enum::compareTo);
    }

    /**
     * Removes the weak apps, each with a {@code REMOVE_CREDENTIAL} event cloned from {@code event} ({@code mfa_enrolment}
     * = {@code reason}); called only once a strong enough app has produced a code (a replacement just confirmed, or
     * the app of this login).
     *
     * @return the ids of the apps removed
     */
    public static List<String> removeWeakApps(EffectivePolicy policy, UserModel user, EventBuilder event, String reason) {
        return remove(weakApps(policy, user), user, event, reason);
    }

    private static List<String> remove(List<CredentialModel> apps, UserModel user, EventBuilder event, String reason) {
        List<String> removed = apps.stream().map(CredentialModel::getId)
            .filter(id -> user.credentialManager().removeStoredCredentialById(id))
            .toList();
        removed.forEach(id -> event.clone().event(EventType.REMOVE_CREDENTIAL).user(user)
            .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
            .detail(Details.CREDENTIAL_ID, id)
            .detail(MfaEventDetails.ENROLMENT, reason)
            .success());
        return removed;
    }
}
