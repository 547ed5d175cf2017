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

    @Test
    void wholeDaysAreWrittenAsDaysTheRestAsJavaWritesIt() {
        assertThat(DurationValue.write(Duration.ofDays(30))).isEqualTo("P30D");
        assertThat(DurationValue.write(Duration.ofHours(24))).isEqualTo("P1D");
        assertThat(DurationValue.write(Duration.ofHours(8))).isEqualTo("PT8H");
        assertThat(DurationValue.write(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
        assertThat(DurationValue.write(Duration.ofHours(25))).isEqualTo("PT25H");
        assertThat(DurationValue.write(Duration.ZERO)).isEqualTo("PT0S");
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameDuration() {
        for (Duration d : new Duration[] {Duration.ofDays(3650), Duration.ofSeconds(43200), Duration.ofMinutes(5)}) {
            assertThat(DurationValue.parse(DurationValue.write(d))).contains(d);
        }
    }
}
