package org.staffmfa.keycloak.factor.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void codesAreShownInGroupsOfFour() {
        assertThat(RecoveryCodes.formatted("ABCDEFGHJKLM")).isEqualTo("ABCD-EFGH-JKLM");
        assertThat(RecoveryCodes.formatted("ABCDE")).isEqualTo("ABCD-E");
    }

    @Test
    void typedCodesAreAcceptedWithOrWithoutDashesSpacesAndCapitals() {
        assertThat(RecoveryCodes.normalised("abcd-efgh-jklm")).contains("ABCDEFGHJKLM");
        assertThat(RecoveryCodes.normalised(" ABCD EFGH\tJKLM ")).contains("ABCDEFGHJKLM");
    }

    @Test
    void anythingThatCannotBeACodeIsRefusedBeforeHashing() {
        assertThat(RecoveryCodes.normalised(null)).isEmpty();
        assertThat(RecoveryCodes.normalised("")).isEmpty();
        assertThat(RecoveryCodes.normalised(" - ")).isEmpty();
        assertThat(RecoveryCodes.normalised("ÄBCD-EFGH-JKLM")).isEmpty();
        assertThat(RecoveryCodes.normalised("ABCD/EFGH")).isEmpty();
        assertThat(RecoveryCodes.normalised("A".repeat(33))).isEmpty();
        assertThat(RecoveryCodes.normalised("A-".repeat(40))).as("too long as typed").isEmpty();
    }
}
