package org.staffmfa.keycloak.factor.codes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @Test
    void givenNationalNumberAndDefaultRegion_thenItIsWrittenInE164() {
        assertThat(PhoneNumbers.toE164("0151 1234 5678", "DE")).hasValue("+4915112345678");
        assertThat(PhoneNumbers.toE164("(201) 555-0123", "us")).hasValue("+12015550123");
    }

    @Test
    void givenInternationalNumber_thenNoRegionIsNeeded() {
        assertThat(PhoneNumbers.toE164("+49 (151) 12345678", null)).hasValue("+4915112345678");
        assertThat(PhoneNumbers.toE164("0151 12345678", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+49 900 1234567", "+49 30 12345678", "+1 800 555 0100", "12345", "abc", "+49 151 1234567890123",
        "+4915112345678; DROP TABLE"})
    void givenNumbersThatCannotOrMustNotReceiveTexts_thenTheyAreRefused(String input) {
        assertThat(PhoneNumbers.toE164(input, "DE")).isEmpty();
    }

    @Test
    void givenDigitsOfAnotherScript_thenTheNumberIsStillWrittenInAsciiE164() {
        assertThat(PhoneNumbers.toE164("٠١٥١١٢٣٤٥٦٧٨", "DE")).hasValue("+4915112345678");
    }

    @Test
    void givenOversizedInput_thenItIsRefusedBeforeParsing() {
        assertThat(PhoneNumbers.toE164("+49151" + "1".repeat(100), "DE")).isEmpty();
    }
}
