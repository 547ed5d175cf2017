package org.staffmfa.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RememberOfferTest {

    @Test
    void givenOffer_thenOnlyATickedBoxAsksForTheCookie() {
        RememberOffer offer = new RememberOffer(RememberBrowser.OFFER, Duration.ofHours(8));

        assertThat(offer.requested("on")).isTrue();
        assertThat(offer.requested(null)).isFalse();
        assertThat(offer.requested("yes")).isFalse();
    }

    @Test
    void givenAlways_thenNoTickIsNeeded() {
        assertThat(new RememberOffer(RememberBrowser.ALWAYS, Duration.ofHours(8)).requested(null)).isTrue();
    }

    @Test
    void givenNeverOrIntervalZero_thenNothingIsRememberedWhateverIsPosted() {
        assertThat(new RememberOffer(RememberBrowser.NEVER, Duration.ofHours(8)).requested("on")).isFalse();
        assertThat(new RememberOffer(RememberBrowser.ALWAYS, Duration.ZERO).requested("on")).isFalse();
        assertThat(new RememberOffer(RememberBrowser.OFFER, Duration.ZERO).pageAttributes()).containsEntry("remember", "none");
    }

    @Test
    void intervalsAreSplitIntoWords() {
        assertThat(RememberOffer.inWords(Duration.ofHours(12))).isEqualTo(List.of(Map.of("unit", "hours", "count", 12L)));
        assertThat(RememberOffer.inWords(Duration.ofHours(30)))
            .isEqualTo(List.of(Map.of("unit", "days", "count", 1L), Map.of("unit", "hours", "count", 6L)));
        assertThat(RememberOffer.inWords(Duration.ofMinutes(90)))
            .isEqualTo(List.of(Map.of("unit", "hours", "count", 1L), Map.of("unit", "minutes", "count", 30L)));
        assertThat(RememberOffer.inWords(Duration.ofSeconds(45))).isEqualTo(List.of(Map.of("unit", "seconds", "count", 45L)));
    }
}
