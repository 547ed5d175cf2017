package org.staffmfa.keycloak.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staffmfa.keycloak.policy.MfaMode.ALLOWED;
import static org.staffmfa.keycloak.policy.MfaMode.OFF;
import static org.staffmfa.keycloak.policy.MfaMode.REQUIRED;
import static org.staffmfa.keycloak.policy.decision.EnrolmentTrigger.Outcome.ENROL;
import static org.staffmfa.keycloak.policy.decision.EnrolmentTrigger.Outcome.NOTHING;
import static org.staffmfa.keycloak.policy.decision.EnrolmentTrigger.Outcome.REFUSE_UNCHECKED;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.staffmfa.keycloak.policy.MfaMode;

/** The safety net at the end of every login, row by row. */
class EnrolmentTriggerTest {

    record TriggerFacts(MfaMode mode, boolean exempt, boolean hasUsableFactor, boolean gateDecided,
                        boolean ssoSessionPassedFactor, boolean enforcementSuspended) implements EnrolmentTrigger.Facts {

        TriggerFacts(MfaMode mode, boolean exempt, boolean hasUsableFactor, boolean gateDecided,
                     boolean ssoSessionPassedFactor) {
            this(mode, exempt, hasUsableFactor, gateDecided, ssoSessionPassedFactor, false);
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
            Arguments.of("off: nothing", new TriggerFacts(OFF, false, false, false, false), NOTHING),
            Arguments.of("exempt: nothing, even required without a factor", new TriggerFacts(REQUIRED, true, false, false, false), NOTHING),
            Arguments.of("required, no factor: enrol, whatever flow", new TriggerFacts(REQUIRED, false, false, true, false), ENROL),
            Arguments.of("required, no factor, no gate: enrol", new TriggerFacts(REQUIRED, false, false, false, false), ENROL),
            Arguments.of("required, factor, gate decided: nothing", new TriggerFacts(REQUIRED, false, true, true, false), NOTHING),
            Arguments.of("required, factor, no gate, SSO passed: nothing", new TriggerFacts(REQUIRED, false, true, false, true), NOTHING),
            Arguments.of("required, factor, no gate, no SSO factor: refused", new TriggerFacts(REQUIRED, false, true, false, false), REFUSE_UNCHECKED),
            Arguments.of("allowed, no factor: nothing (offered by the gate)", new TriggerFacts(ALLOWED, false, false, false, false), NOTHING),
            Arguments.of("allowed, factor, no gate: refused", new TriggerFacts(ALLOWED, false, true, false, false), REFUSE_UNCHECKED),
            Arguments.of("allowed, factor, gate decided: nothing", new TriggerFacts(ALLOWED, false, true, true, false), NOTHING),
            Arguments.of("suspended, required, no factor: nothing", new TriggerFacts(REQUIRED, false, false, false, false, true), NOTHING),
            Arguments.of("suspended, required, factor, no gate: nothing", new TriggerFacts(REQUIRED, false, true, false, false, true), NOTHING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theTable(String name, TriggerFacts facts, EnrolmentTrigger.Outcome expected) {
        assertThat(EnrolmentTrigger.decide(facts)).as(name).isEqualTo(expected);
    }
}
