package org.staffmfa.keycloak.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumberMaskTest {

    @Test
    void keepsCountryCodeAndLastTwoDigits() {
        assertThat(PhoneNumberMask.mask("+4915112345678")).isEqualTo("+49…78");
    }

    @Test
    void hidesShortOrMissingNumbersCompletely() {
        assertThat(PhoneNumberMask.mask("+4912")).isEqualTo("…");
        assertThat(PhoneNumberMask.mask(null)).isEqualTo("…");
    }
}
