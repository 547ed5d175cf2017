package org.staffmfa.keycloak.enrolment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.state.UserMfaState;

/**
 * In {@code allowed} mode a user without a factor is offered enrolment; after "Skip for now" the offer returns only
 * once the recheck interval has passed (Evergreen's behaviour). The time of the last skip is part of the user's MFA
 * state, which only the extension writes ({@link UserMfaState}).
 */
public final class EnrolmentOffer {

    private EnrolmentOffer() {
    }

    public static boolean isDue(UserModel user, Duration recheckInterval) {
        Optional<Instant> skippedAt = lastSkip(user);
        if (skippedAt.isEmpty() || recheckInterval.isZero()) {
            return true;
        }
        return Time.currentTime() - skippedAt.get().getEpochSecond() >= recheckInterval.toSeconds();
    }

    /** When the user last said "Skip for now"; empty if never. */
    public static Optional<Instant> lastSkip(UserModel user) {
        return UserMfaState.enrolmentSkippedAt(user);
    }

    public static void recordSkip(UserModel user) {
        UserMfaState.recordEnrolmentSkip(user);
    }
}
