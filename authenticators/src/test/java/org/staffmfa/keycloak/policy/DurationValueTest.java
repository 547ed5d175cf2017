package org.staffmfa.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationValueTest {

    @Test
    void secondsAndIsoDurationsAreRead() {
        assertThat(DurationValue.parse(" 43200 ")).contains(Duration.ofHours(12));
        assertThat(DurationValue.parse("PT12H")).contains(Duration.ofHours(12));
        assertThat(DurationValue.parse("P1D")).contains(Duration.ofDays(1));
        assertThat(DurationValue.parse("-PT1H")).contains(Duration.ofHours(-1));
    }

    @Test
    void anythingElseIsEmptyNeverAnException() {
        assertThat(DurationValue.parse("twelve hours")).isEmpty();
        assertThat(DurationValue.parse("")).isEmpty();
        assertThat(DurationValue.parse("-5")).isEmpty();
        assertThat(DurationValue.parse("1234567890123")).isEmpty();
        assertThat(DurationValue.parse("PT" + "9".repeat(30) + "H")).isEmpty();
        assertThat(DurationValue.parse("P９D")).isEmpty();
    }
}
