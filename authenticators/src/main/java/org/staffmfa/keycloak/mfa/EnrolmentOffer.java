package org.staffmfa.keycloak.mfa;

import java.time.Duration;

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
        String skippedAt = user.getFirstAttribute(SKIPPED_AT_ATTRIBUTE);
        if (skippedAt == null || recheckInterval.isZero()) {
            return true;
        }
        try {
            return Time.currentTime() - Long.parseLong(skippedAt) >= recheckInterval.toSeconds();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    public static void recordSkip(UserModel user) {
        user.setSingleAttribute(SKIPPED_AT_ATTRIBUTE, Long.toString(Time.currentTime()));
    }
}
