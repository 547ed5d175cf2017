package org.staffmfa.keycloak.mfa;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

/**
 * In {@code allowed} mode a user without a factor is offered enrolment; after "Skip for now" the offer returns only
 * once the recheck interval has passed (Evergreen's behaviour). The time of the last skip is a user attribute.
 */
public final class EnrolmentOffer {

    /** Epoch seconds of the user's last "Skip for now". */
    public static final String SKIPPED_AT_ATTRIBUTE = "staff-mfa.enrolment-skipped-at";

    private EnrolmentOffer() {
    }

    public static boolean isDue(UserModel user, Duration recheckInterval) {
        Optional<Instant> skippedAt = lastSkip(user);
        if (skippedAt.isEmpty() || recheckInterval.isZero()) {
            return true;
        }
        return Time.currentTime() - skippedAt.get().getEpochSecond() >= recheckInterval.toSeconds();
    }

    /** When the user last said "Skip for now"; empty if never (or the stored value is unreadable). */
    public static Optional<Instant> lastSkip(UserModel user) {
        String skippedAt = user.getFirstAttribute(SKIPPED_AT_ATTRIBUTE);
        try {
            return Optional.ofNullable(skippedAt).map(value -> Instant.ofEpochSecond(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static void recordSkip(UserModel user) {
        user.setSingleAttribute(SKIPPED_AT_ATTRIBUTE, Long.toString(Time.currentTime()));
    }
}
