package org.staffmfa.keycloak.session;

import java.time.Duration;
import java.util.Optional;

import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.policy.DurationValue;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * Realm settings for changes to factors, read here and nowhere else:
 * <ul>
 *   <li>{@value #FRESH_VERIFICATION}: how recently (ISO-8601 duration or seconds, default 5 minutes) the session must
 *       have passed a second factor before the user may add or remove one;</li>
 *   <li>{@value #REMOVAL_REQUIRES_USER_PASSWORD}: Evergreen's "active consent": an administrator removing a user's
 *       factor must type that user's password (default {@code false}).</li>
 * </ul>
 */
public final class SelfServiceSettings {

    public static final String FRESH_VERIFICATION = "staff-mfa.fresh-verification";
    public static final String REMOVAL_REQUIRES_USER_PASSWORD = "staff-mfa.removal-requires-user-password";

    public static final Duration DEFAULT_FRESH_VERIFICATION = Duration.ofMinutes(5);
    /** Longer windows would make "fresh" meaningless; a bad value falls back to the default. */
    public static final Duration MAX_FRESH_VERIFICATION = Duration.ofHours(1);

    private SelfServiceSettings() {
    }

    public static Duration freshVerification(RealmModel realm) {
        String value = RealmSettingsStore.get(realm, FRESH_VERIFICATION);
        if (value == null || value.isBlank()) {
            return DEFAULT_FRESH_VERIFICATION;
        }
        return parseFreshVerification(value).orElse(DEFAULT_FRESH_VERIFICATION);
    }

    /** @return the duration when it is between 0 and {@link #MAX_FRESH_VERIFICATION} */
    public static Optional<Duration> parseFreshVerification(String value) {
        return DurationValue.parse(value)
            .filter(duration -> !duration.isNegative() && duration.compareTo(MAX_FRESH_VERIFICATION) <= 0);
    }

    public static boolean removalRequiresUserPassword(RealmModel realm) {
        return "true".equalsIgnoreCase(String.valueOf(RealmSettingsStore.get(realm, REMOVAL_REQUIRES_USER_PASSWORD)).strip());
    }
}
