package org.staffmfa.keycloak.session;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.StaffMfaIds;

/**
 * Evergreen's rule that only a user who recently passed a second factor may change their factors: adding or removing
 * one needs a factor verified in this session within {@link SelfServiceSettings#freshVerification} (default 5 min).
 */
public final class FactorChanges {

    /** Application-initiated actions that add or remove a second factor. */
    private static final Set<String> FACTOR_ACTIONS = Set.of(
        UserModel.RequiredAction.CONFIGURE_TOTP.name(),
        UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name(),
        "webauthn-register",
        "delete_credential",
        StaffMfaIds.ENROL_ACTION);

    private FactorChanges() {
    }

    /** The login was started to add or remove a factor ({@code kc_action} of the authorization request). */
    public static boolean requested(AuthenticationSessionModel authSession) {
        String action = authSession.getClientNote(Constants.KC_ACTION);
        return action != null && FACTOR_ACTIONS.contains(action);
    }

    /** Whether a factor was verified recently enough in this session, judged from the notes of its sessions. */
    public static boolean isFresh(RealmModel realm, OptionalLong verifiedAt) {
        if (verifiedAt.isEmpty()) {
            return false;
        }
        long age = Time.currentTime() - verifiedAt.getAsLong();
        return age >= 0 && age <= SelfServiceSettings.freshVerification(realm).toSeconds();
    }

    /**
     * When this request's sessions last verified a factor: the login in progress (an application-initiated action
     * right after a step-up) or the user session of the account console's token.
     */
    public static OptionalLong verifiedAt(KeycloakSession session) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        UserSessionModel userSession = session.getContext().getUserSession();
        return Stream.of(
                Optional.ofNullable(authSession).map(auth -> auth.getUserSessionNotes().get(MfaNotes.VERIFIED_AT)),
                Optional.ofNullable(userSession).map(user -> user.getNote(MfaNotes.VERIFIED_AT)))
            .flatMap(Optional::stream)
            .flatMapToLong(FactorChanges::parse)
            .max();
    }

    public static OptionalLong verifiedAt(UserSessionModel userSession) {
        return userSession == null ? OptionalLong.empty()
            : parse(userSession.getNote(MfaNotes.VERIFIED_AT)).findFirst();
    }

    private static LongStream parse(String value) {
        try {
            return value == null ? LongStream.empty() : LongStream.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return LongStream.empty();
        }
    }
}
