package org.staffmfa.keycloak.realmpolicy;

import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * Whether the modes stored in a realm ask for MFA ({@code allowed} or {@code required}), for checks that look at the
 * realm's set-up rather than at one user: unset or unreadable values count as {@code off}, as the policy resolver
 * treats a mode it cannot read for no one.
 */
public final class StoredModes {

    private StoredModes() {
    }

    /** The realm's default mode (users in no MFA group) asks for MFA. */
    public static boolean realmDefaultAsksForMfa(RealmModel realm) {
        return asksForMfa(RealmSettingsStore.get(realm, PolicyAttributes.DEFAULT_MODE));
    }

    /** The group's own mode asks for MFA. */
    public static boolean groupAsksForMfa(RealmModel realm, String groupId) {
        return asksForMfa(GroupPolicyStore.get(realm, groupId, PolicyAttributes.MODE).orElse(null));
    }

    /** Some group, or the realm's default, asks for MFA. */
    public static boolean mfaInUse(RealmModel realm) {
        return realmDefaultAsksForMfa(realm)
            || GroupPolicyStore.groupIds(realm).stream().anyMatch(id -> groupAsksForMfa(realm, id));
    }

    private static boolean asksForMfa(String stored) {
        return stored != null && MfaMode.fromId(stored.trim()).orElse(MfaMode.OFF) != MfaMode.OFF;
    }
}
