package org.staffmfa.keycloak.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.staffmfa.keycloak.policy.DurationValue;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.policy.PolicyDefaults;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/** Policies that do not do what they say: recheck intervals above the realm's cap, which silently applies instead. */
final class PolicyFindings {

    private PolicyFindings() {
    }

    static List<Finding> of(RealmModel realm) {
        Duration cap = Optional.ofNullable(RealmSettingsStore.get(realm, PolicyAttributes.MAX_RECHECK_INTERVAL))
            .flatMap(DurationValue::parse).orElse(PolicyDefaults.DEFAULT_MAX_RECHECK_INTERVAL);
        List<Finding> findings = new ArrayList<>();
        Optional.ofNullable(RealmSettingsStore.get(realm, PolicyAttributes.DEFAULT_RECHECK_INTERVAL)).flatMap(DurationValue::parse)
            .filter(interval -> interval.compareTo(cap) > 0)
            .ifPresent(interval -> findings.add(aboveCap(realm.getName() + " (realm default)", interval, cap)));
        for (String id : GroupPolicyStore.groupIds(realm)) {
            GroupModel group = realm.getGroupById(id);
            GroupPolicyStore.get(realm, id, PolicyAttributes.RECHECK_INTERVAL).flatMap(DurationValue::parse)
                .filter(interval -> group != null && interval.compareTo(cap) > 0)
                .ifPresent(interval -> findings.add(aboveCap(KeycloakModelUtils.buildGroupPath(group), interval, cap)));
        }
        return findings;
    }

    private static Finding aboveCap(String subject, Duration interval, Duration cap) {
        return Finding.warning("recheck-interval-above-cap", subject,
            "The recheck interval of " + subject + " is " + inWords(interval) + ", above the realm's maximum of "
                + inWords(cap) + ": users are asked again after " + inWords(cap) + ".",
            "Lower the interval, or raise the realm's maximum recheck interval (MFA admin page > Realm settings).");
    }

    /** "30 days", "8 hours", "90 minutes": how people say it. */
    static String inWords(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toSeconds() % 3_600 == 0) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(1, duration.toMinutes()), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
