package org.staffmfa.keycloak.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/**
 * Policies whose factors do not work out: settings the resolver cannot read (an unknown factor name, a mistyped mode),
 * factors this server does not offer (security keys or recovery codes with their Keycloak feature off), and policies
 * that ask for MFA but leave nothing a user without a factor could set up. Each policy is read as a member of only
 * that group would get it, which is also what its subgroups without settings of their own get.
 */
final class FactorFindings {

    private FactorFindings() {
    }

    /** @param policies the realm's policies by subject ({@link #policies}) */
    static List<Finding> of(Map<String, EffectivePolicy> policies) {
        FactorCatalog catalog = BuiltInFactors.catalog();
        Set<ConfigProblem> problems = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, EffectivePolicy> entry : policies.entrySet()) {
            EffectivePolicy policy = entry.getValue();
            problems.addAll(policy.problems());
            if (policy.mode() == MfaMode.OFF) {
                continue;
            }
            String subject = entry.getKey();
            List<String> missing = policy.factors().stream().filter(factor -> !catalog.implemented().contains(factor))
                .map(Factor::id).toList();
            if (!missing.isEmpty()) {
                findings.add(Finding.warning("factor-not-available", subject,
                    "The policy of " + subject + " allows " + String.join(", ", missing) + ", which this server does "
                        + "not offer (its Keycloak feature is off): no login can use it.",
                    "Turn the Keycloak feature on (web-authn, recovery-codes), or remove the factor from the policy."));
            }
            if (catalog.enrollable(policy).isEmpty()) {
                findings.add(Finding.warning("policy-without-enrollable-factor", subject,
                    "The policy of " + subject + " is '" + policy.mode().id() + "' but allows no factor a user can set up "
                        + "alone (allowed: " + ids(policy.factors()) + "): members without a factor "
                        + (policy.mode() == MfaMode.REQUIRED ? "cannot log in." : "are never offered enrolment."),
                    "Allow at least one of totp, webauthn, sms or email (recovery codes only back another factor up)."));
            }
        }
        for (ConfigProblem problem : problems) {
            findings.add(Finding.warning("policy-setting-unreadable", problem.source(),
                problem.describe() + " — the stricter reading applies.",
                "Correct the setting on the MFA admin page (Groups, or Realm settings for the realm default)."));
        }
        return findings;
    }

    /**
     * A group asks for stronger authenticator apps than the realm's OTP policy makes: apps added through Keycloak's own
     * "Configure OTP" action (account console, "My second factors") follow only that policy and are weak again.
     */
    static List<Finding> appMinimumAboveOtpPolicy(RealmModel realm, Map<String, EffectivePolicy> policies) {
        OtpAlgorithm realmAlgorithm = OtpAlgorithm.fromName(realm.getOTPPolicy().getAlgorithm()).orElse(OtpAlgorithm.SHA1);
        List<Finding> findings = new ArrayList<>();
        policies.forEach((subject, policy) -> {
            if (policy.mode() != MfaMode.OFF && policy.allows(Factor.TOTP) && policy.appTooWeak(realmAlgorithm)) {
                findings.add(Finding.warning("app-minimum-above-otp-policy", subject,
                    "The policy of " + subject + " accepts authenticator apps from " + policy.appMinAlgorithm().uriName()
                        + ", but the realm's OTP policy makes " + realmAlgorithm.uriName() + " apps: an app added through "
                        + "Keycloak's Configure OTP action (account console, My second factors) has to be replaced again "
                        + "at the next login.",
                    "Set Authentication → Policies → OTP Policy → algorithm to " + policy.appMinAlgorithm().uriName()
                        + " (existing apps keep theirs)."));
            }
        });
        return findings;
    }

    /** Every policy the realm holds: the realm default (for users in no MFA group) and each group with settings. */
    static Map<String, EffectivePolicy> policies(KeycloakSession session, RealmModel realm) {
        UserPolicies policies = new UserPolicies();
        Map<String, EffectivePolicy> byPolicy = new LinkedHashMap<>();
        byPolicy.put(realmDefault(realm), policies.forNoGroup(realm));
        for (String id : GroupPolicyStore.groupIds(realm)) {
            GroupModel group = realm.getGroupById(id);
            if (group != null) {
                byPolicy.put(KeycloakModelUtils.buildGroupPath(group), policies.forMemberOf(session, realm, group));
            }
        }
        return byPolicy;
    }

    static String realmDefault(RealmModel realm) {
        return realm.getName() + " (" + PolicyAttributes.REALM_DEFAULT_SOURCE + ")";
    }

    private static String ids(Set<Factor> factors) {
        return factors.isEmpty() ? "none" : String.join(", ", factors.stream().map(Factor::id).toList());
    }
}
