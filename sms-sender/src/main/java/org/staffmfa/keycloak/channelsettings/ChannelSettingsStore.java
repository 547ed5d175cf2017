package org.staffmfa.keycloak.channelsettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/**
 * Where a realm's email and SMS code settings live: one Keycloak component per channel (kept in the realm cache,
 * invalidated on every node when changed, left alone by a realm update that replaces the realm's attributes). Realms
 * set up before this read their settings from realm attributes ({@code staff-mfa.<channel>.<setting>}) until an
 * administrator saves the channel's settings once, which moves them.
 *
 * <p>Settings are a flat map: the {@link CodeSetting} keys, and for SMS {@code sender}, {@code default-region} and
 * each sender option as {@code <sender>.<option>}.
 */
public final class ChannelSettingsStore {

    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    public static final List<String> CHANNELS = List.of(EMAIL, SMS);
    public static final String SENDER = "sender";
    public static final String DEFAULT_REGION = "default-region";

    /** Prefix of the realm attributes older versions kept these settings in. */
    static final String LEGACY_PREFIX = "staff-mfa.";

    /** Where a channel's settings are read from. */
    public enum Source {
        /** saved through the MFA admin API (a component) */
        STORED,
        /** realm attributes written before the MFA admin API kept them; a realm update can wipe them */
        REALM_ATTRIBUTES,
        /** nothing set: the defaults */
        DEFAULTS
    }

    private ChannelSettingsStore() {
    }

    /** The channel's settings as they apply now. */
    public static Map<String, String> read(RealmModel realm, String channel) {
        return component(realm, channel).map(ChannelSettingsStore::flat).orElseGet(() -> legacyAttributes(realm, channel));
    }

    public static Source source(RealmModel realm, String channel) {
        if (component(realm, channel).isPresent()) {
            return Source.STORED;
        }
        return legacyAttributes(realm, channel).isEmpty() ? Source.DEFAULTS : Source.REALM_ATTRIBUTES;
    }

    /**
     * Realm attributes of the channel that older versions read; ignored once the channel's settings are stored, and
     * removed when they are saved.
     */
    public static Map<String, String> legacyAttributes(RealmModel realm, String channel) {
        String prefix = LEGACY_PREFIX + channel + ".";
        Map<String, String> settings = new TreeMap<>();
        realm.getAttributes().forEach((name, value) -> {
            if (name.startsWith(prefix) && value != null && !value.isBlank()) {
                settings.put(name.substring(prefix.length()), value);
            }
        });
        return settings;
    }

    /**
     * Replaces the channel's settings with already validated ones (Keycloak validates them again through
     * {@link ChannelSettingsComponentFactory}) and removes the realm attributes they came from.
     */
    public static void write(RealmModel realm, String channel, Map<String, String> settings) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        settings.forEach(config::putSingle);
        Optional<ComponentModel> existing = component(realm, channel);
        if (existing.isPresent()) {
            // A copy: the model may be the realm cache's own, which other requests read until this one commits.
            ComponentModel component = new ComponentModel(existing.get());
            component.setConfig(config);
            realm.updateComponent(component);
        } else {
            ComponentModel component = new ComponentModel();
            // Derived from realm and channel: two nodes saving the first settings at once collide instead of
            // leaving two sets behind.
            component.setId(java.util.UUID.nameUUIDFromBytes(("staff-mfa-codes/" + realm.getId() + "/" + channel)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            component.setName("Staff MFA " + channel + " codes");
            component.setParentId(realm.getId());
            component.setProviderType(ChannelSettingsProvider.class.getName());
            component.setProviderId(ChannelSettingsComponentFactory.ID);
            component.setSubType(channel);
            component.setConfig(config);
            realm.addComponentModel(component);
        }
        legacyAttributes(realm, channel).keySet()
            .forEach(setting -> realm.removeAttribute(LEGACY_PREFIX + channel + "." + setting));
    }

    private static Optional<ComponentModel> component(RealmModel realm, String channel) {
        return realm.getComponentsStream(realm.getId(), ChannelSettingsProvider.class.getName())
            .filter(component -> channel.equals(component.getSubType()))
            .findFirst();
    }

    private static Map<String, String> flat(ComponentModel component) {
        Map<String, String> settings = new LinkedHashMap<>();
        component.getConfig().forEach((name, values) -> {
            if (values != null && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                settings.put(name, values.get(0));
            }
        });
        return settings;
    }
}
