package org.staffmfa.keycloak.realmpolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * Where each group's own MFA settings are kept: the realm's settings store ({@link RealmSettingsStore}), named
 * {@code staff-mfa.group.<groupId>.<setting>} (e.g. {@code staff-mfa.group.2b1c….mode}), written by the Staff MFA
 * admin API and page, which require the role {@code manage-mfa}. Not group attributes: every administrator who may
 * manage groups (the {@code manage-users} role) could change those; not realm attributes either: a realm update
 * replaces their whole map. Keyed by group id, so renaming or moving a group
 * keeps its settings.
 */
public final class GroupPolicyStore {

    /** The settings a group can assign, by their names in realm exports and the admin API's error messages. */
    public static final List<String> SETTINGS = List.of(PolicyAttributes.MODE, PolicyAttributes.FACTORS,
        PolicyAttributes.RECHECK_INTERVAL, PolicyAttributes.REMEMBER_BROWSER, PolicyAttributes.ENROL_BY,
        PolicyAttributes.MAX_SKIPS, PolicyAttributes.GRACE_UNTIL, PolicyAttributes.REMIND_DAYS_BEFORE,
        PolicyAttributes.TOTP_MIN_ALGORITHM);

    private static final String PREFIX = "staff-mfa.group.";
    private static final String SETTING_PREFIX = "staff-mfa.";

    private GroupPolicyStore() {
    }

    public static Optional<String> get(RealmModel realm, String groupId, String setting) {
        return Optional.ofNullable(RealmSettingsStore.get(realm, key(groupId, setting))).filter(value -> !value.isBlank());
    }

    /** The group's own settings (setting name → value), in {@link #SETTINGS} order; empty when it inherits all. */
    public static Map<String, String> of(RealmModel realm, String groupId) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : SETTINGS) {
            get(realm, groupId, setting).ifPresent(value -> settings.put(setting, value));
        }
        return settings;
    }

    /** Replaces the group's own settings (one write); settings not in the map are inherited afterwards. */
    public static void replace(RealmModel realm, String groupId, Map<String, String> settings) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String setting : SETTINGS) {
            changes.put(key(groupId, setting), settings.get(setting));
        }
        RealmSettingsStore.setAll(realm, changes);
    }

    public static void remove(RealmModel realm, String groupId) {
        replace(realm, groupId, Map.of());
    }

    /** Ids of the groups that assign at least one setting (groups deleted since included until cleaned up). */
    public static Set<String> groupIds(RealmModel realm) {
        Set<String> ids = new TreeSet<>();
        for (String name : RealmSettingsStore.withPrefix(realm, PREFIX).keySet()) {
            if (name.startsWith(PREFIX)) {
                String rest = name.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    ids.add(rest.substring(0, dot));
                }
            }
        }
        return ids;
    }

    static String key(String groupId, String setting) {
        if (!SETTINGS.contains(setting)) {
            throw new IllegalArgumentException("Not a group setting: " + setting);
        }
        return PREFIX + groupId + "." + setting.substring(SETTING_PREFIX.length());
    }
}
