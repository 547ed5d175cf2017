package org.staffmfa.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

class OtpMatcherTest {

    private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final long NOW = 1_111_111_111L;

    private static String totpAt(long epochSeconds) {
        return Hotp.code(KEY, OtpMatcher.timeStep(epochSeconds, 30), OtpAlgorithm.SHA1, 6);
    }

    @Test
    void givenCodeOfCurrentStep_thenThatStepMatches() {
        assertThat(OtpMatcher.matchTimeStep(totpAt(NOW), KEY, OtpAlgorithm.SHA1, 6, NOW, 30, 1))
            .hasValue(OtpMatcher.timeStep(NOW, 30));
    }

    @Test
    void givenCodeOneStepAway_thenItMatchesWithLookAroundOneButNotZero() {
        String previous = totpAt(NOW - 30);
        String next = totpAt(NOW + 30);

        assertThat(OtpMatcher.matchTimeStep(previous, KEY, OtpAlgorithm.SHA1, 6, NOW, 30, 1)).isPresent();
        assertThat(OtpMatcher.matchTimeStep(next, KEY, OtpAlgorithm.SHA1, 6, NOW, 30, 1)).isPresent();
        assertThat(OtpMatcher.matchTimeStep(previous, KEY, OtpAlgorithm.SHA1, 6, NOW, 30, 0)).isEmpty();
    }

    @Test
    void givenCodeTwoStepsAway_thenItIsOutsideAWindowOfOne() {
        assertThat(OtpMatcher.matchTimeStep(totpAt(NOW - 60), KEY, OtpAlgorithm.SHA1, 6, NOW, 30, 1)).isEmpty();
        assertThat(OtpMatcher.matchTimeStep(totpAt(NOW + 60), KEY, OtpAlgorithm.SHA1, 6, NOW, 30, 1)).isEmpty();
    }

    @Test
    void givenHotpCodeAheadOfTheCounter_thenTheMatchingCounterIsFoundWithinLookAhead() {
        String code = Hotp.code(KEY, 7, OtpAlgorithm.SHA1, 6);

        assertThat(OtpMatcher.matchCounter(code, KEY, OtpAlgorithm.SHA1, 6, 5, 2)).hasValue(7);
        assertThat(OtpMatcher.matchCounter(code, KEY, OtpAlgorithm.SHA1, 6, 5, 1)).isEmpty();
        assertThat(OtpMatcher.matchCounter(code, KEY, OtpAlgorithm.SHA1, 6, 8, 5)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12345a", "123 45", " 12345", "١٢٣٤٥٦", "１２３４５６"})
    void givenMalformedInput_thenNothingMatches(String input) {
        assertThat(OtpMatcher.matchTimeStep(input, KEY, OtpAlgorithm.SHA1, 6, NOW, 30, 1)).isEmpty();
        assertThat(CodeFormat.isWellFormed(input, 6)).isFalse();
    }

    @Test
    void givenNullOrHugeInput_thenItIsNotWellFormed() {
        assertThat(CodeFormat.isWellFormed(null, 6)).isFalse();
        assertThat(CodeFormat.isWellFormed("1".repeat(10_000), 6)).isFalse();
        assertThat(CodeFormat.isWellFormed("12345678", 8)).isTrue();
    }
}
