package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.exemption.ClientExemptions;
import org.staffmfa.keycloak.exemption.Exemptions;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.realmpolicy.GroupTrees;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * Realm files may carry MFA settings the readable way — group attributes ({@code staff-mfa.mode} on a group) and the
 * client attribute {@value Exemptions#CLIENT_ATTRIBUTE} — as the demo realm does. When such a realm is created (full
 * import, {@code kc.sh import}, or "Create realm" with a file), they are moved to where the extension reads them and
 * where only MFA administrators can change them. Importing a realm needs more rights than any MFA role, so this is no
 * way around them. Realms of earlier versions are converted the same way once, at the first start with this version.
 * Later edits of such attributes are ignored (and logged).
 */
final class ImportedMfaSettings {

    private static final Logger LOG = Logger.getLogger(ImportedMfaSettings.class);
    static final String IMPORTED_BY = "realm import";

    private ImportedMfaSettings() {
    }

    /**
     * Realm attribute set once a realm's settings have been moved; a realm without it was created by a version that
     * read group and client attributes. Only realm administrators can change realm attributes.
     */
    public static final String MARKER = "staff-mfa.settings-store";
    static final String MARKER_VALUE = "realm-attributes-1";

    /**
     * At server start, for realms made by an earlier version (which read group attributes): move their settings once,
     * so that upgrading never turns their MFA off. Realms that have the marker are left alone: attributes added to
     * groups later are still not read.
     */
    static void adoptOnce(RealmModel realm) {
        if (MARKER_VALUE.equals(RealmSettingsStore.get(realm, MARKER))) {
            return;
        }
        adopt(realm);
    }

    static void adopt(RealmModel realm) {
        RealmSettingsStore.adoptImportedSections(realm);
        RealmSettingsStore.set(realm, MARKER, MARKER_VALUE);
        int[] groups = {0};
        realm.getTopLevelGroupsStream().flatMap(GroupTrees::withSubGroups).forEach(group -> {
            if (adoptGroup(realm, group)) {
                groups[0]++;
            }
        });
        int[] clients = {0};
        realm.getClientsStream().forEach(client -> {
            if (adoptClient(realm, client)) {
                clients[0]++;
            }
        });
        if (groups[0] + clients[0] > 0) {
            LOG.infof("Staff MFA: realm %s: MFA settings of %d groups and %d exempt clients moved from group and client "
                + "attributes to the Staff MFA store",
                realm.getName(), groups[0], clients[0]);
        }
    }


    private static boolean adoptGroup(RealmModel realm, GroupModel group) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : GroupPolicyStore.SETTINGS) {
            String value = group.getFirstAttribute(setting);
            if (value != null && !value.isBlank()) {
                settings.put(setting, value.strip());
            }
            group.removeAttribute(setting);
        }
        if (settings.isEmpty()) {
            return false;
        }
        GroupPolicyStore.replace(realm, group.getId(), settings);
        return true;
    }

    private static boolean adoptClient(RealmModel realm, ClientModel client) {
        String value = client.getAttribute(Exemptions.CLIENT_ATTRIBUTE);
        if (value == null) {
            return false;
        }
        client.removeAttribute(Exemptions.CLIENT_ATTRIBUTE);
        if (!"true".equalsIgnoreCase(value.strip())) {
            return false;
        }
        ClientExemptions.grant(realm, client, "Imported with the realm (client attribute " + Exemptions.CLIENT_ATTRIBUTE
            + ")", IMPORTED_BY, Instant.ofEpochSecond(Time.currentTime()));
        return true;
    }
}
