package org.staffmfa.keycloak.store;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Where the extension keeps a realm's MFA settings (group policies, client exemptions, realm defaults, emergency
 * switches): Keycloak components, not realm attributes. A realm update ({@code PUT /admin/realms/{realm}}) replaces
 * the realm's whole attribute map, so settings kept there vanished with any update that left them out, and with them
 * every group's MFA; components are left alone by it, cached with the realm and invalidated on every node when changed.
 *
 * <p>Settings keep the names they had as attributes ({@code staff-mfa.group.<id>.mode}). They are split into sections,
 * one component each, so that two administrators saving different groups never overwrite each other: the realm's own
 * settings, one section per group, one per exempt client. Each section's component id is derived from the realm and the
 * section, so a setting is found by id (no scan), and two nodes creating the same section at once collide instead of
 * duplicating it.
 *
 * <p>A realm whose settings were realm attributes (an earlier version) reads them there until they are moved, at the
 * next start or the next change, whichever comes first ({@link #moveFromAttributes}).
 */
public final class RealmSettingsStore {

    public static final String REALM_SECTION = "realm";
    /** Kept in the realm section; its presence says the realm's settings live here. */
    public static final String STORE_VERSION = "staff-mfa.store-version";
    private static final String PREFIX = "staff-mfa.";
    private static final String GROUP_PREFIX = "staff-mfa.group.";
    private static final String CLIENT_PREFIX = "staff-mfa.client.";
    /** Code settings have their own store (package channelsettings). */
    private static final List<String> NOT_HERE = List.of("staff-mfa.email.", "staff-mfa.sms.");
    private static final Pattern SECTION = Pattern.compile("realm|(group|client)/[\\x21-\\x2e\\x30-\\x7e]{1,200}");
    /** The component factory's id (package admin, which knows every setting's name). */
    public static final String FACTORY_ID = "staff-mfa-settings";
    private static final String TYPE = MfaSettingsProvider.class.getName();
    /** Session attribute: the section ids derived in this request. */
    private static final String SECTION_IDS = "staff-mfa.settings-section-ids";

    private RealmSettingsStore() {
    }

    /** A setting's value, or null when unset (like {@link RealmModel#getAttribute}). */
    public static String get(RealmModel realm, String name) {
        // The setting's own section first: when it exists the realm's settings are in the store (one lookup, not two).
        Optional<ComponentModel> section = section(realm, sectionOf(name));
        if (section.isPresent()) {
            return section.get().get(innerKey(name));
        }
        return moved(realm) ? null : realm.getAttribute(name);
    }

    /** Every setting whose name starts with the prefix. */
    public static Map<String, String> withPrefix(RealmModel realm, String prefix) {
        Map<String, String> found = new TreeMap<>();
        if (!moved(realm)) {
            realm.getAttributes().forEach((name, value) -> {
                if (name.startsWith(prefix) && value != null) {
                    found.put(name, value);
                }
            });
            return found;
        }
        realm.getComponentsStream(realm.getId(), TYPE).forEach(component -> component.getConfig().forEach((key, values) -> {
            String name = outerName(component.getSubType(), key);
            if (name.startsWith(prefix) && values != null && !values.isEmpty() && values.get(0) != null) {
                found.put(name, values.get(0));
            }
        }));
        return found;
    }

    public static void set(RealmModel realm, String name, String value) {
        Map<String, String> one = new LinkedHashMap<>();
        one.put(name, value);
        setAll(realm, one);
    }

    /** Sets (or, for null values, removes) settings; one write per section touched. */
    public static void setAll(RealmModel realm, Map<String, String> changes) {
        moveFromAttributes(realm);
        Map<String, Map<String, String>> bySection = new TreeMap<>();
        changes.forEach((name, value) -> bySection.computeIfAbsent(sectionOf(name), s -> new LinkedHashMap<>()).put(name, value));
        bySection.forEach((section, sectionChanges) -> write(realm, section, sectionChanges));
    }

    /**
     * Moves the realm's MFA settings out of its attributes into the store, once; later calls do nothing.
     *
     * @return how many settings were moved, -1 when the realm's settings were already in the store
     */
    public static int moveFromAttributes(RealmModel realm) {
        if (moved(realm)) {
            return -1;
        }
        Map<String, Map<String, String>> bySection = new TreeMap<>();
        bySection.put(REALM_SECTION, new LinkedHashMap<>(Map.of(STORE_VERSION, "1")));
        Map<String, String> attributes = new TreeMap<>(realm.getAttributes());
        List<String> movedNames = new java.util.ArrayList<>();
        attributes.forEach((name, value) -> {
            if (belongsHere(name) && value != null && !value.isBlank() && validSection(sectionOf(name))) {
                bySection.computeIfAbsent(sectionOf(name), s -> new LinkedHashMap<>()).put(name, value);
                movedNames.add(name);
            }
        });
        // The realm section last: until it exists, readers still read the attributes.
        bySection.forEach((section, settings) -> {
            if (!REALM_SECTION.equals(section)) {
                write(realm, section, settings);
            }
        });
        write(realm, REALM_SECTION, bySection.get(REALM_SECTION));
        // Only what was moved: anything else stays where it is (and is reported by nobody, as before).
        movedNames.forEach(realm::removeAttribute);
        return movedNames.size();
    }

    /**
     * After a realm import: sections imported under ids of another realm (an export of it) get this realm's ids, so
     * that they are found.
     */
    public static void adoptImportedSections(RealmModel realm) {
        realm.getComponentsStream(realm.getId(), TYPE).toList().forEach(component -> {
            String expected = id(realm, component.getSubType());
            if (!expected.equals(component.getId())) {
                realm.removeComponent(component);
                ComponentModel copy = new ComponentModel(component);
                copy.setId(expected);
                realm.importComponentModel(copy);
            }
        });
    }

    /** The section a setting lives in: the realm's own, a group's or a client's. */
    public static String sectionOf(String name) {
        for (String[] kind : new String[][] {{GROUP_PREFIX, "group/"}, {CLIENT_PREFIX, "client/"}}) {
            if (name.startsWith(kind[0])) {
                String rest = name.substring(kind[0].length());
                int dot = rest.indexOf('.');
                return kind[1] + (dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return REALM_SECTION;
    }

    public static boolean validSection(String section) {
        return SECTION.matcher(section).matches();
    }

    private static boolean belongsHere(String name) {
        return name.startsWith(PREFIX) && NOT_HERE.stream().noneMatch(name::startsWith);
    }

    /**
     * Whether the realm's settings live in the store: its realm section exists, or (should that section have been
     * deleted past the MFA API) any other section does; only then are realm attributes never read again.
     */
    private static boolean moved(RealmModel realm) {
        return section(realm, REALM_SECTION).isPresent()
            || realm.getComponentsStream(realm.getId(), TYPE).findAny().isPresent();
    }

    private static Optional<ComponentModel> section(RealmModel realm, String section) {
        return Optional.ofNullable(realm.getComponent(id(realm, section))).filter(component -> TYPE.equals(component.getProviderType()));
    }

    private static void write(RealmModel realm, String section, Map<String, String> changes) {
        Optional<ComponentModel> existing = section(realm, section);
        // A copy: the model may be the realm cache's own, which other requests read until this one commits.
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        existing.ifPresent(component -> component.getConfig().forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                config.putSingle(name, values.get(0));
            }
        }));
        changes.forEach((name, value) -> {
            if (value == null) {
                config.remove(innerKey(name));
            } else {
                config.putSingle(innerKey(name), value);
            }
        });
        if (existing.isPresent()) {
            if (config.isEmpty() && !REALM_SECTION.equals(section)) {
                realm.removeComponent(existing.get());
            } else {
                ComponentModel component = new ComponentModel(existing.get());
                component.setConfig(config);
                realm.updateComponent(component);
            }
        } else if (!config.isEmpty()) {
            ComponentModel component = new ComponentModel();
            component.setId(id(realm, section));
            component.setName("Staff MFA settings: " + section);
            component.setParentId(realm.getId());
            component.setProviderType(TYPE);
            component.setProviderId(FACTORY_ID);
            component.setSubType(section);
            component.setConfig(config);
            realm.addComponentModel(component);
        }
    }

    /**
     * The section's component id: derived from realm and section, 36 characters like Keycloak's own ids. (Component
     * ids are unique across realms, so an administrator of another realm who knows this realm's id could take one
     * first through the generic component endpoint; see docs/security.md.)
     */
    static String id(RealmModel realm, String section) {
        // A login reads the same few sections a dozen times: the ids (an MD5 each) are kept for the request. Only the
        // ids, which never change; the components themselves are read from Keycloak's realm cache every time.
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null) {
            return derivedId(realm, section);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> ids = (Map<String, String>) session.getAttribute(SECTION_IDS);
        if (ids == null) {
            ids = new HashMap<>();
            session.setAttribute(SECTION_IDS, ids);
        }
        return ids.computeIfAbsent(realm.getId() + "/" + section, key -> derivedId(realm, section));
    }

    private static String derivedId(RealmModel realm, String section) {
        return UUID.nameUUIDFromBytes(("staff-mfa/" + realm.getId() + "/" + section).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A setting's key inside its section: the name itself for the realm's own, the part after the id for others. */
    public static String innerKey(String name) {
        String section = sectionOf(name);
        if (REALM_SECTION.equals(section)) {
            return name;
        }
        String prefix = section.startsWith("group/") ? GROUP_PREFIX : CLIENT_PREFIX;
        int start = prefix.length() + section.length() - section.indexOf('/');
        return start >= name.length() ? "" : name.substring(start);
    }

    /** A key inside a section as the setting's name. */
    static String outerName(String section, String key) {
        if (section == null || REALM_SECTION.equals(section)) {
            return key;
        }
        int slash = section.indexOf('/');
        String prefix = section.startsWith("group/") ? GROUP_PREFIX : CLIENT_PREFIX;
        return prefix + section.substring(slash + 1) + "." + key;
    }
}
