package org.staffmfa.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staffmfa.keycloak.policy.MfaMode.ALLOWED;
import static org.staffmfa.keycloak.policy.MfaMode.OFF;
import static org.staffmfa.keycloak.policy.MfaMode.REQUIRED;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class EnrolmentDeadlineTest {

    private static final Instant NOW = Instant.parse("2027-01-19T10:00:00Z");
    private static final Instant LATER = Instant.parse("2027-01-31T23:00:00Z");
    private static final Instant EARLIER = Instant.parse("2027-01-01T00:00:00Z");

    private static EnrolmentDeadline deadline(Instant enrolBy, Integer maxSkips, Instant graceUntil) {
        return new EnrolmentDeadline(Optional.ofNullable(enrolBy),
            maxSkips == null ? OptionalInt.empty() : OptionalInt.of(maxSkips), Optional.ofNullable(graceUntil));
    }

    @Test
    void allowedStaysAllowedBeforeTheDeadlineAndWithSkipsLeft() {
        assertThat(deadline(LATER, 3, null).enrolmentMode(ALLOWED, NOW, 2)).isEqualTo(ALLOWED);
        assertThat(EnrolmentDeadline.NONE.enrolmentMode(ALLOWED, NOW, 100)).isEqualTo(ALLOWED);
    }

    @Test
    void allowedBecomesRequiredAfterTheDeadlineOrTheLastSkip() {
        assertThat(deadline(EARLIER, null, null).enrolmentMode(ALLOWED, NOW, 0)).isEqualTo(REQUIRED);
        assertThat(deadline(NOW, null, null).enrolmentMode(ALLOWED, NOW, 0)).as("at the deadline itself").isEqualTo(REQUIRED);
        assertThat(deadline(null, 3, null).enrolmentMode(ALLOWED, NOW, 3)).isEqualTo(REQUIRED);
        assertThat(deadline(null, 0, null).enrolmentMode(ALLOWED, NOW, 0)).isEqualTo(REQUIRED);
    }

    @Test
    void requiredWithinItsGraceActsAsAllowedWithTheSameLimits() {
        assertThat(deadline(null, null, LATER).enrolmentMode(REQUIRED, NOW, 5)).isEqualTo(ALLOWED);
        assertThat(deadline(null, null, EARLIER).enrolmentMode(REQUIRED, NOW, 0)).isEqualTo(REQUIRED);
        assertThat(deadline(null, 2, LATER).enrolmentMode(REQUIRED, NOW, 2)).isEqualTo(REQUIRED);
        assertThat(deadline(null, null, LATER).enrolmentMode(OFF, NOW, 0)).isEqualTo(OFF);
    }

    @Test
    void theStrictestOfSeveralGroupsWins() {
        EnrolmentDeadline combined = EnrolmentDeadline.strictest(List.of(deadline(LATER, 5, LATER),
            deadline(EARLIER, 2, null)));
        assertThat(combined.enrolBy()).contains(EARLIER);
        assertThat(combined.maxSkips()).hasValue(2);
        assertThat(combined.graceUntil()).as("a grace only when every group grants one").isEmpty();
        assertThat(EnrolmentDeadline.strictest(List.of(deadline(null, null, LATER), deadline(null, null, NOW)))
            .graceUntil()).contains(NOW);
    }

    @Test
    void skippingIsLimitedByTheEarlierOfDeadlineAndGrace() {
        assertThat(deadline(LATER, null, NOW).skipUntil(REQUIRED)).contains(NOW);
        assertThat(deadline(LATER, null, NOW).skipUntil(ALLOWED)).contains(LATER);
        assertThat(EnrolmentDeadline.NONE.skipUntil(ALLOWED)).isEmpty();
    }
}
