package org.staffmfa.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PolicyResolverTest {

    private final PolicyResolver resolver = new PolicyResolver();
    private final Map<String, String> realm = new HashMap<>();

    // The demo realm's tree: staff allowed (all factors, 12 h), systems required (8 h), sandbox required (totp, 0).
    private final TestGroup staff = TestGroup.root("staff").mode("allowed")
        .factors("totp, webauthn, email, sms, recovery-codes").interval("PT12H");
    private final TestGroup circulation = staff.child("circulation");
    private final TestGroup systems = staff.child("systems").mode("required").interval("28800");
    private final TestGroup sandbox = TestGroup.root("sandbox").mode("required").factors("totp").interval("0");

    private EffectivePolicy resolve(TestGroup... groups) {
        return resolver.resolve(name -> Optional.ofNullable(realm.get(name)), List.of(groups));
    }

    @Test
    void givenAFactorSwitchedOffRealmWide_thenNoPolicyAllowsIt() {
        realm.put(PolicyAttributes.DISABLED_FACTORS, "sms");
        realm.put(PolicyAttributes.DEFAULT_MODE, "allowed");

        assertThat(resolve(systems).factors()).doesNotContain(Factor.SMS).contains(Factor.TOTP, Factor.EMAIL);
        assertThat(resolve(systems).mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(resolve().factors()).as("the realm default").doesNotContain(Factor.SMS).contains(Factor.TOTP);
        assertThat(resolve(staff.child("sms-only").mode("required").factors("sms")).factors()).isEmpty();
    }

    @Test
    void givenUnknownNamesAmongTheSwitchedOffFactors_thenTheKnownOnesAreStillOff() {
        realm.put(PolicyAttributes.DISABLED_FACTORS, "sms, fax");

        EffectivePolicy policy = resolve(systems);

        assertThat(policy.factors()).doesNotContain(Factor.SMS);
        assertThat(policy.problems()).extracting(ConfigProblem::attribute).contains(PolicyAttributes.DISABLED_FACTORS);
    }

    @Test
    void givenDeadlinesOnGroups_thenTheyAreInheritedAndUnreadableOnesAreStrict() {
        TestGroup rollout = TestGroup.root("rollout").mode("allowed").attribute(PolicyAttributes.ENROL_BY, "2027-01-31T23:59:59+01:00")
            .attribute(PolicyAttributes.MAX_SKIPS, "3");
        EffectivePolicy policy = resolve(rollout.child("branch"));
        assertThat(policy.deadline().enrolBy()).contains(java.time.Instant.parse("2027-01-31T22:59:59Z"));
        assertThat(policy.deadline().maxSkips()).hasValue(3);

        TestGroup typo = TestGroup.root("typo").mode("allowed").attribute(PolicyAttributes.ENROL_BY, "end of January")
            .attribute(PolicyAttributes.MAX_SKIPS, "three");
        EffectivePolicy strict = resolve(typo);
        assertThat(strict.deadline().enrolBy()).contains(java.time.Instant.EPOCH);
        assertThat(strict.deadline().maxSkips()).hasValue(0);
        assertThat(strict.problems()).hasSize(2);
    }

    @Test
    void givenAppMinimumsOnGroups_thenTheStrongestOfTheDecidingGroupsWinsAndItIsInherited() {
        assertThat(resolve(systems).appMinAlgorithm()).as("none set").isEqualTo(OtpAlgorithm.SHA1);

        TestGroup strict = TestGroup.root("strict").mode("required").attribute(PolicyAttributes.TOTP_MIN_ALGORITHM, "SHA512");
        TestGroup modern = TestGroup.root("modern").mode("required").attribute(PolicyAttributes.TOTP_MIN_ALGORITHM, "sha-256");
        EffectivePolicy both = resolve(modern.child("branch"), strict, systems);
        assertThat(both.appMinAlgorithm()).isEqualTo(OtpAlgorithm.SHA512);
        assertThat(both.appTooWeak(OtpAlgorithm.SHA256)).isTrue();
        assertThat(both.appTooWeak(OtpAlgorithm.SHA512)).isFalse();
        assertThat(resolve(modern.child("branch")).decidingGroups().get(0).appMinAlgorithmFrom()).isEqualTo("/modern");

        // An outranked group's minimum does not count, like its other settings.
        TestGroup allowedStrict = TestGroup.root("allowed-strict").mode("allowed")
            .attribute(PolicyAttributes.TOTP_MIN_ALGORITHM, "SHA512");
        assertThat(resolve(allowedStrict, systems).appMinAlgorithm()).isEqualTo(OtpAlgorithm.SHA1);

        TestGroup typo = TestGroup.root("typo").mode("required").attribute(PolicyAttributes.TOTP_MIN_ALGORITHM, "SHA3");
        EffectivePolicy read = resolve(typo);
        assertThat(read.appMinAlgorithm()).as("unreadable: stricter than the default").isEqualTo(OtpAlgorithm.SHA256);
        assertThat(read.problems()).singleElement().satisfies(problem ->
            assertThat(problem.toString()).contains(PolicyAttributes.TOTP_MIN_ALGORITHM));
    }

    @Test
    void givenNoGroups_thenBuiltInRealmDefaultIsOff() {
        EffectivePolicy policy = resolve();

        assertThat(policy.mode()).isEqualTo(MfaMode.OFF);
        assertThat(policy.fromRealmDefault()).isTrue();
        assertThat(policy.problems()).isEmpty();
    }

    @Test
    void givenRealmDefaultAttributes_thenUsersWithoutMfaGroupGetThem() {
        realm.put(PolicyAttributes.DEFAULT_MODE, "required");
        realm.put(PolicyAttributes.DEFAULT_FACTORS, "totp,webauthn");
        realm.put(PolicyAttributes.DEFAULT_RECHECK_INTERVAL, "PT1H");

        EffectivePolicy policy = resolve(TestGroup.root("volunteers"));

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(policy.factors()).containsExactlyInAnyOrder(Factor.TOTP, Factor.WEBAUTHN);
        assertThat(policy.recheckInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.decidingGroups()).isEmpty();
    }

    @Test
    void givenSubgroupWithoutValues_thenItInheritsEverythingFromTheNearestAncestor() {
        EffectivePolicy policy = resolve(circulation);

        assertThat(policy.mode()).isEqualTo(MfaMode.ALLOWED);
        assertThat(policy.factors()).containsExactlyInAnyOrder(Factor.values());
        assertThat(policy.recheckInterval()).isEqualTo(Duration.ofHours(12));
        GroupDecision decision = policy.decidingGroups().get(0);
        assertThat(decision.group()).isEqualTo("/staff/circulation");
        assertThat(decision.modeFrom()).isEqualTo("/staff");
        assertThat(decision.factorsFrom()).isEqualTo("/staff");
        assertThat(decision.recheckIntervalFrom()).isEqualTo("/staff");
    }

    @Test
    void givenValuesAssignedDirectlyOnSubgroup_thenTheyWinOverInheritedOnes() {
        EffectivePolicy policy = resolve(systems);

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(policy.recheckInterval()).isEqualTo(Duration.ofHours(8));
        GroupDecision decision = policy.decidingGroups().get(0);
        assertThat(decision.modeFrom()).isEqualTo("/staff/systems");
        assertThat(decision.recheckIntervalFrom()).isEqualTo("/staff/systems");
        assertThat(decision.factorsFrom()).isEqualTo("/staff");
    }

    @Test
    void givenAncestorRemovedAFactor_thenSubgroupCanAllowItAgain() {
        TestGroup library = TestGroup.root("library").mode("required").factors("totp");
        TestGroup branch = library.child("branch");
        TestGroup desk = branch.child("desk").factors("totp, email");

        assertThat(resolve(branch).factors()).containsExactly(Factor.TOTP);
        assertThat(resolve(desk).factors()).containsExactlyInAnyOrder(Factor.TOTP, Factor.EMAIL);
    }

    @Test
    void givenEightLevelsDeep_thenTheTopValueIsFoundAndNearerValuesWin() {
        TestGroup group = TestGroup.root("l1").mode("allowed").factors("sms").interval("60");
        for (int level = 2; level <= 8; level++) {
            group = group.child("l" + level);
            if (level == 5) {
                group.interval("120");
            }
        }

        EffectivePolicy policy = resolve(group);

        assertThat(policy.mode()).isEqualTo(MfaMode.ALLOWED);
        assertThat(policy.factors()).containsExactly(Factor.SMS);
        assertThat(policy.recheckInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.decidingGroups().get(0).recheckIntervalFrom()).isEqualTo("/l1/l2/l3/l4/l5");
    }

    @Test
    void givenSeveralGroups_thenStrongestModeWinsWithUnionOfItsGroupsFactorsAndShortestInterval() {
        TestGroup hotp = TestGroup.root("tokens").mode("required").factors("totp, recovery-codes").interval("PT2H");

        EffectivePolicy policy = resolve(circulation, systems, hotp);

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        // systems inherits all five factors from staff; circulation (allowed) is outranked and does not count
        assertThat(policy.factors()).containsExactlyInAnyOrder(Factor.values());
        assertThat(policy.recheckInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.decidingGroups()).extracting(GroupDecision::group)
            .containsExactly("/staff/systems", "/tokens");
        assertThat(policy.otherGroups()).extracting(GroupDecision::group).containsExactly("/staff/circulation");
    }

    @Test
    void givenOutrankedGroupAllowsMoreFactors_thenTheyAreNotAllowed() {
        EffectivePolicy policy = resolve(circulation, sandbox);

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(policy.factors()).containsExactly(Factor.TOTP);
        assertThat(policy.recheckInterval()).isZero();
    }

    @Test
    void givenGroupTreeWithoutMode_thenItDoesNotCountAndRealmDefaultApplies() {
        realm.put(PolicyAttributes.DEFAULT_MODE, "allowed");
        TestGroup volunteers = TestGroup.root("volunteers").factors("email");

        EffectivePolicy policy = resolve(volunteers);

        assertThat(policy.mode()).isEqualTo(MfaMode.ALLOWED);
        assertThat(policy.fromRealmDefault()).isTrue();
        assertThat(policy.factors()).containsExactlyInAnyOrder(Factor.values());
    }

    @Test
    void givenGroupSetsModeOff_thenItOverridesAStricterRealmDefault() {
        realm.put(PolicyAttributes.DEFAULT_MODE, "required");

        EffectivePolicy policy = resolve(TestGroup.root("kiosk").mode("off"));

        assertThat(policy.mode()).isEqualTo(MfaMode.OFF);
        assertThat(policy.fromRealmDefault()).isFalse();
    }

    @Test
    void givenMfaGroupTreeWithoutFactorsOrInterval_thenRealmDefaultsFillThemIn() {
        realm.put(PolicyAttributes.DEFAULT_FACTORS, "webauthn");
        realm.put(PolicyAttributes.DEFAULT_RECHECK_INTERVAL, "3600");

        EffectivePolicy policy = resolve(TestGroup.root("it").mode("required"));

        assertThat(policy.factors()).containsExactly(Factor.WEBAUTHN);
        assertThat(policy.recheckInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.decidingGroups().get(0).factorsFrom()).isEqualTo(PolicyAttributes.REALM_DEFAULT_SOURCE);
    }

    @Test
    void givenModeWithTypo_thenItIsReadAsRequiredAndReported() {
        EffectivePolicy policy = resolve(TestGroup.root("typo").mode("requried"));

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(policy.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).isEqualTo("/typo");
            assertThat(problem.attribute()).isEqualTo(PolicyAttributes.MODE);
            assertThat(problem.value()).isEqualTo("requried");
        });
    }

    @Test
    void givenModeInOtherCaseAndWithSpaces_thenItIsAccepted() {
        EffectivePolicy policy = resolve(TestGroup.root("g").mode("  Allowed "));

        assertThat(policy.mode()).isEqualTo(MfaMode.ALLOWED);
        assertThat(policy.problems()).isEmpty();
    }

    @Test
    void givenBadRealmDefaultMode_thenItIsReadAsRequired() {
        realm.put(PolicyAttributes.DEFAULT_MODE, "of");

        EffectivePolicy policy = resolve();

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(policy.problems()).extracting(ConfigProblem::source).containsExactly(PolicyAttributes.REALM_DEFAULT_SOURCE);
    }

    @Test
    void givenUnknownFactor_thenOnlyTheKnownOnesAreAllowedAndTheRestReported() {
        EffectivePolicy policy = resolve(TestGroup.root("g").mode("required").factors("totp; yubikey  sms"));

        assertThat(policy.factors()).containsExactlyInAnyOrder(Factor.TOTP, Factor.SMS);
        assertThat(policy.problems()).singleElement().extracting(ConfigProblem::describe).asString().contains("yubikey");
    }

    @Test
    void givenOnlyUnknownFactors_thenNoFactorIsAllowed() {
        EffectivePolicy policy = resolve(TestGroup.root("g").mode("required").factors("fingerprint"));

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(policy.factors()).isEmpty();
    }

    @Test
    void givenNegativeOrUnreadableInterval_thenZeroIsUsedAndReported() {
        assertThat(resolve(TestGroup.root("a").mode("allowed").interval("-5")).recheckInterval()).isZero();
        assertThat(resolve(TestGroup.root("b").mode("allowed").interval("PT-1H")).recheckInterval()).isZero();
        assertThat(resolve(TestGroup.root("c").mode("allowed").interval("twelve hours")).recheckInterval()).isZero();
        assertThat(resolve(TestGroup.root("d").mode("allowed").interval("99999999999999999999")).problems()).hasSize(1);
    }

    @Test
    void givenIsoDurationWithDays_thenItIsUnderstood() {
        assertThat(resolve(TestGroup.root("g").mode("allowed").interval("P1DT6H")).recheckInterval())
            .isEqualTo(Duration.ofHours(30));
    }

    @Test
    void givenBlankValues_thenTheyCountAsUnset() {
        TestGroup parent = TestGroup.root("p").mode("required").interval("60");
        TestGroup child = parent.child("c").mode(" ").interval("");

        EffectivePolicy policy = resolve(child);

        assertThat(policy.mode()).isEqualTo(MfaMode.REQUIRED);
        assertThat(policy.recheckInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.problems()).isEmpty();
    }

    @Test
    void givenSharedAncestorWithBadValue_thenTheProblemIsReportedOnce() {
        TestGroup parent = TestGroup.root("p").mode("required").factors("totp, nope");

        EffectivePolicy policy = resolve(parent.child("a"), parent.child("b"));

        assertThat(policy.problems()).hasSize(1);
    }

    @Test
    void givenNoRememberSetting_thenTheBrowserIsOfferedToBeRemembered() {
        assertThat(resolve(systems).remember()).isEqualTo(RememberBrowser.OFFER);
        assertThat(resolve().remember()).isEqualTo(RememberBrowser.OFFER);
    }

    @Test
    void givenSeveralDecidingGroups_thenTheStrictestRememberSettingWins() {
        TestGroup personal = TestGroup.root("laptops").mode("required").remember("always");
        TestGroup desk = TestGroup.root("desk").mode("required").remember("never");

        assertThat(resolve(personal).remember()).isEqualTo(RememberBrowser.ALWAYS);
        assertThat(resolve(personal, systems).remember()).isEqualTo(RememberBrowser.OFFER);
        assertThat(resolve(personal, desk).remember()).isEqualTo(RememberBrowser.NEVER);
    }

    @Test
    void givenOutrankedGroupSaysNever_thenItDoesNotCount() {
        TestGroup allowedDesk = TestGroup.root("desk").mode("allowed").remember("never");

        assertThat(resolve(allowedDesk, systems).remember()).isEqualTo(RememberBrowser.OFFER);
    }

    @Test
    void givenRememberSettingIsInherited_thenSubgroupsGetIt() {
        TestGroup branch = TestGroup.root("branch").mode("allowed").remember("never");

        EffectivePolicy policy = resolve(branch.child("desk"));

        assertThat(policy.remember()).isEqualTo(RememberBrowser.NEVER);
        assertThat(policy.decidingGroups().get(0).rememberFrom()).isEqualTo("/branch");
    }

    @Test
    void givenUnreadableRememberSetting_thenItIsReadAsNever() {
        EffectivePolicy policy = resolve(TestGroup.root("g").mode("required").remember("sometimes"));

        assertThat(policy.remember()).isEqualTo(RememberBrowser.NEVER);
        assertThat(policy.problems()).hasSize(1);
    }

    @Test
    void givenIntervalAboveTheRealmCap_thenTheCapApplies() {
        TestGroup longRecheck = TestGroup.root("g").mode("required").interval("P60D");

        assertThat(resolve(longRecheck).recheckInterval()).isEqualTo(Duration.ofDays(30));
        assertThat(resolve(longRecheck).maxRecheckInterval()).isEqualTo(Duration.ofDays(30));

        realm.put(PolicyAttributes.MAX_RECHECK_INTERVAL, "PT4H");
        assertThat(resolve(longRecheck).recheckInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(resolve(systems).recheckInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(resolve(sandbox).recheckInterval()).isZero();
    }

    @Test
    void givenUnreadableCap_thenNothingIsRemembered() {
        realm.put(PolicyAttributes.MAX_RECHECK_INTERVAL, "a month");

        EffectivePolicy policy = resolve(systems);

        assertThat(policy.recheckInterval()).isZero();
        assertThat(policy.problems()).extracting(ConfigProblem::attribute).containsExactly(PolicyAttributes.MAX_RECHECK_INTERVAL);
    }

    @Test
    void givenRealmDefaultRememberSetting_thenUsersInNoGroupAndGroupsWithoutOneGetIt() {
        realm.put(PolicyAttributes.DEFAULT_REMEMBER_BROWSER, "never");

        assertThat(resolve().remember()).isEqualTo(RememberBrowser.NEVER);
        assertThat(resolve(systems).remember()).isEqualTo(RememberBrowser.NEVER);
    }
}
