package org.staffmfa.keycloak.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staffmfa.keycloak.policy.MfaMode.ALLOWED;
import static org.staffmfa.keycloak.policy.MfaMode.OFF;
import static org.staffmfa.keycloak.policy.MfaMode.REQUIRED;
import static org.staffmfa.keycloak.policy.decision.FlowKind.BROWSER;
import static org.staffmfa.keycloak.policy.decision.FlowKind.PASSWORD_GRANT;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.CHALLENGE;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.ENROL_OFFERED;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.ENROL_REQUIRED;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.FAIL_CLOSED;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.REFUSE_NOT_ENROLLED;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.REFUSE_NO_APP_CODE;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.REMEMBERED_BROWSER;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.SKIP_EXEMPT;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.SKIP_MODE_OFF;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.SKIP_NOT_ENROLLED;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.SKIP_SUSPENDED;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.SSO_SESSION;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.STEP_UP_CHALLENGE;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.STEP_UP_SATISFIED;
import static org.staffmfa.keycloak.policy.decision.GateOutcome.VERIFY_APP_CODE;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.staffmfa.keycloak.policy.MfaMode;

/** The gates' decision table, row by row, then rules that must hold for every combination of facts. */
class GateDecisionTest {

    static Stream<Arguments> table() {
        return Stream.of(
            row("off: nothing asked, with or without a factor", BROWSER, Facts.login(OFF).withFactor(), SKIP_MODE_OFF),
            row("off, no factor", BROWSER, Facts.login(OFF), SKIP_MODE_OFF),
            row("required, suspended: through without the factor", BROWSER, Facts.login(REQUIRED).withFactor().whileSuspended(), SKIP_SUSPENDED),
            row("required, suspended, no factor: through, no enrolment", BROWSER, Facts.login(REQUIRED).whileSuspended(), SKIP_SUSPENDED),
            row("allowed, suspended, no factor: through, no offer", BROWSER, Facts.login(ALLOWED).whileSuspended(), SKIP_SUSPENDED),
            row("suspended, but a factor change: still asked", BROWSER, Facts.login(REQUIRED).withFactor().changingFactors(false).whileSuspended(), STEP_UP_CHALLENGE),
            row("off, suspended: mode off wins (nothing to suspend)", BROWSER, Facts.login(OFF).whileSuspended(), SKIP_MODE_OFF),
            row("suspended, SSO session passed a factor: the SSO session counts", BROWSER, Facts.login(REQUIRED).withFactor().throughSso(true).whileSuspended(), SSO_SESSION),
            row("password grant, suspended: through without a code", PASSWORD_GRANT, Facts.login(REQUIRED).withFactor().whileSuspended(), SKIP_SUSPENDED),
            row("required, exempt client or user: through", BROWSER, Facts.login(REQUIRED).withFactor().exempted(), SKIP_EXEMPT),
            row("allowed, exempt, no factor: through", BROWSER, Facts.login(ALLOWED).exempted(), SKIP_EXEMPT),
            row("required, exempt, no factor: through, no enrolment", BROWSER, Facts.login(REQUIRED).exempted(), SKIP_EXEMPT),
            row("required, SSO session passed a factor: through", BROWSER, Facts.login(REQUIRED).withFactor().throughSso(true), SSO_SESSION),
            row("required, SSO session without a factor (exempt elsewhere): asked", BROWSER, Facts.login(REQUIRED).withFactor().throughSso(false), CHALLENGE),
            row("required, SSO session passed, but this is an answer: checked", BROWSER, Facts.login(REQUIRED).withFactor().throughSso(true).answering(), CHALLENGE),
            row("required, no factor, enrolment possible: enrol", BROWSER, Facts.login(REQUIRED), ENROL_REQUIRED),
            row("required, no factor, SSO passed elsewhere: still enrol", BROWSER, Facts.login(REQUIRED).throughSso(false), ENROL_REQUIRED),
            row("required, no factor, enrolment impossible: refused", BROWSER, Facts.login(REQUIRED).cannotEnrol(), FAIL_CLOSED),
            row("allowed, no factor, offer due: offered", BROWSER, Facts.login(ALLOWED), ENROL_OFFERED),
            row("allowed, no factor, skipped within the interval: through", BROWSER, Facts.login(ALLOWED).skippedRecently(), SKIP_NOT_ENROLLED),
            row("allowed, no factor, enrolment impossible: through", BROWSER, Facts.login(ALLOWED).cannotEnrol(), SKIP_NOT_ENROLLED),
            row("required, factor, remembered browser that counts: through", BROWSER, Facts.login(REQUIRED).withFactor().remembered(true), REMEMBERED_BROWSER),
            row("required, factor, remembered browser on a 'never' client: asked", BROWSER, Facts.login(REQUIRED).withFactor().remembered(false), CHALLENGE),
            row("required, factor, remembered browser, answering: checked", BROWSER, Facts.login(REQUIRED).withFactor().remembered(true).answering(), CHALLENGE),
            row("required, factor: asked", BROWSER, Facts.login(REQUIRED).withFactor(), CHALLENGE),
            row("allowed, factor: asked like required", BROWSER, Facts.login(ALLOWED).withFactor(), CHALLENGE),
            row("allowed, factor, remembered browser: through", BROWSER, Facts.login(ALLOWED).withFactor().remembered(true), REMEMBERED_BROWSER),
            row("factor change, verified within the window: through", BROWSER, Facts.login(REQUIRED).withFactor().changingFactors(true), STEP_UP_SATISFIED),
            row("factor change, not verified recently: asked", BROWSER, Facts.login(REQUIRED).withFactor().changingFactors(false), STEP_UP_CHALLENGE),
            row("factor change, exempt: asked all the same", BROWSER, Facts.login(REQUIRED).withFactor().exempted().changingFactors(false), STEP_UP_CHALLENGE),
            row("factor change, mode off: asked all the same", BROWSER, Facts.login(OFF).withFactor().changingFactors(false), STEP_UP_CHALLENGE),
            row("factor change, remembered browser: asked all the same", BROWSER, Facts.login(REQUIRED).withFactor().remembered(true).changingFactors(false), STEP_UP_CHALLENGE),
            row("factor change, an answer: checked even if recent", BROWSER, Facts.login(REQUIRED).withFactor().changingFactors(true).answering(), STEP_UP_CHALLENGE),
            row("factor change, no factor yet, required: enrol", BROWSER, Facts.login(REQUIRED).changingFactors(false), ENROL_REQUIRED),
            row("factor change, no factor yet, off: through", BROWSER, Facts.login(OFF).changingFactors(false), SKIP_MODE_OFF),
            row("password grant, off: password only", PASSWORD_GRANT, Facts.login(OFF).withFactor(), SKIP_MODE_OFF),
            row("password grant, exempt: password only", PASSWORD_GRANT, Facts.login(REQUIRED).withFactor().exempted(), SKIP_EXEMPT),
            row("password grant, required, no factor: refused", PASSWORD_GRANT, Facts.login(REQUIRED), REFUSE_NOT_ENROLLED),
            row("password grant, allowed, no factor: password only", PASSWORD_GRANT, Facts.login(ALLOWED), SKIP_NOT_ENROLLED),
            row("password grant, required, app: code checked", PASSWORD_GRANT, Facts.login(REQUIRED).withFactor(), VERIFY_APP_CODE),
            row("password grant, allowed, app: code checked", PASSWORD_GRANT, Facts.login(ALLOWED).withFactor(), VERIFY_APP_CODE),
            row("password grant, only a security key: refused", PASSWORD_GRANT, Facts.login(REQUIRED).withFactorButNoAppCode(), REFUSE_NO_APP_CODE),
            row("password grant, remembered browser and SSO do not count", PASSWORD_GRANT, Facts.login(REQUIRED).withFactor().remembered(true).throughSso(true), VERIFY_APP_CODE),
            row("password grant, factor change requested: the grant has no actions", PASSWORD_GRANT, Facts.login(REQUIRED).withFactor().changingFactors(true), VERIFY_APP_CODE));
    }

    private static Arguments row(String name, FlowKind flow, Facts facts, GateOutcome expected) {
        return Arguments.of(name, flow, facts, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theTable(String name, FlowKind flow, Facts facts, GateOutcome expected) {
        assertThat(GateDecision.decide(flow, facts)).as(name).isEqualTo(expected);
    }

    /** Every combination of the facts: 3 modes × 2^12 facts × 2 flows. */
    static List<Facts> everyCombination() {
        List<Facts> all = new ArrayList<>();
        for (MfaMode mode : MfaMode.values()) {
            for (int bits = 0; bits < 1 << 12; bits++) {
                all.add(new Facts(mode, bit(bits, 0), bit(bits, 1), bit(bits, 2), bit(bits, 3), bit(bits, 4), bit(bits, 5),
                    bit(bits, 6), bit(bits, 6) && bit(bits, 7), bit(bits, 8), bit(bits, 9), bit(bits, 10), bit(bits, 11)));
            }
        }
        return all;
    }

    private static boolean bit(int bits, int index) {
        return (bits & (1 << index)) != 0;
    }

    @Test
    void rulesThatHoldWhateverTheFacts() {
        Set<GateOutcome> browserOnly = EnumSet.of(SSO_SESSION, STEP_UP_SATISFIED, STEP_UP_CHALLENGE, REMEMBERED_BROWSER,
            CHALLENGE, ENROL_REQUIRED, ENROL_OFFERED, FAIL_CLOSED);
        Set<GateOutcome> grantOnly = EnumSet.of(VERIFY_APP_CODE, REFUSE_NO_APP_CODE, REFUSE_NOT_ENROLLED);
        for (Facts facts : everyCombination()) {
            GateOutcome browser = GateDecision.decide(BROWSER, facts);
            GateOutcome grant = GateDecision.decide(PASSWORD_GRANT, facts);
            String at = facts.toString();

            assertThat(grant).as(at).isNotIn(browserOnly);
            assertThat(browser).as(at).isNotIn(grantOnly);
            if (facts.factorChangeRequested() && facts.hasUsableFactor()) {
                assertThat(browser).as("a factor change always needs a fresh factor: " + at)
                    .isIn(STEP_UP_SATISFIED, STEP_UP_CHALLENGE);
            } else {
                if (facts.mode() == OFF) {
                    assertThat(browser).as(at).isEqualTo(SKIP_MODE_OFF);
                }
                if (facts.mode() == REQUIRED) {
                    assertThat(browser).as("required never lets a user through without a reason: " + at)
                        .isNotEqualTo(SKIP_NOT_ENROLLED);
                }
            }
            if (browser == REMEMBERED_BROWSER) {
                assertThat(facts.rememberedBrowsersCount() && facts.browserRemembered() && !facts.answered()).as(at).isTrue();
            }
            if (browser == SSO_SESSION) {
                assertThat(facts.ssoSessionPassedFactor() && !facts.answered()).as(at).isTrue();
            }
            if (browser == SKIP_EXEMPT || grant == SKIP_EXEMPT) {
                assertThat(facts.exempt()).as(at).isTrue();
            }
            if (facts.mode() == REQUIRED && !facts.exempt()) {
                assertThat(grant).as("required: the grant needs the code, or is refused: " + at)
                    .isIn(VERIFY_APP_CODE, REFUSE_NO_APP_CODE, REFUSE_NOT_ENROLLED);
            }
        }
        assertThat(everyCombination()).hasSize(3 * 4096);
    }
}
