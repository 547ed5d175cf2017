package org.staffmfa.keycloak.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PolicyFindingsTest {

    @Test
    void durationsAreSaidAsPeopleSayThem() {
        assertThat(PolicyFindings.inWords(Duration.ofDays(30))).isEqualTo("30 days");
        assertThat(PolicyFindings.inWords(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(PolicyFindings.inWords(Duration.ofHours(8))).isEqualTo("8 hours");
        assertThat(PolicyFindings.inWords(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(PolicyFindings.inWords(Duration.ofSeconds(20))).isEqualTo("1 minute");
    }
}
