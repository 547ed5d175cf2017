package org.staffmfa.keycloak.channelsettings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import org.staffmfa.keycloak.sms.SenderSettings;
import org.staffmfa.keycloak.sms.SmsSender;

/**
 * What a channel's stored settings may hold, checked the same way whoever writes them (the MFA admin API, a realm
 * import): known settings only, values within bounds, an installed SMS sender and its own options only, no server
 * secret named by a realm. A refusal names the setting and what is allowed, never the value of a secret.
 */
public final class ChannelSettingsRules {

    /** Longest accepted value: a body template or a header list, not a document. */
    static final int MAX_VALUE_LENGTH = 2_000;

    private ChannelSettingsRules() {
    }

    /**
     * @return the settings as they are stored: trimmed, blanks left out, counts and durations in one form
     * @throws IllegalArgumentException naming the first setting that is not allowed
     */
    public static Map<String, String> check(KeycloakSessionFactory factory, String channel, Map<String, String> settings) {
        if (channel == null || !ChannelSettingsStore.CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("Unknown channel; known: " + String.join(", ", ChannelSettingsStore.CHANNELS));
        }
        Map<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            String key = entry.getKey() == null ? "" : entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            boolean multiLine = key.endsWith(".body") || key.endsWith(".headers");
            if (value.length() > MAX_VALUE_LENGTH
                || value.chars().anyMatch(c -> c < 0x20 && !(multiLine && (c == '\n' || c == '\t')) || c == 0x7f)) {
                throw new IllegalArgumentException("Setting '" + printable(key) + "' must be at most " + MAX_VALUE_LENGTH
                    + " characters without control characters (line breaks only in a body or headers)");
            }
            Optional<CodeSetting> codeSetting = codeSetting(key);
            if (codeSetting.isPresent()) {
                CodeSetting setting = codeSetting.get();
                long read = setting.read(value).orElseThrow(() -> new IllegalArgumentException(
                    "Setting '" + key + "' must be " + setting.bounds()));
                checked.put(key, setting.write(read));
            } else if (ChannelSettingsStore.SMS.equals(channel)) {
                checked.put(key, smsSetting(factory, key, value));
            } else {
                throw new IllegalArgumentException("Unknown setting '" + printable(key) + "' for email codes");
            }
        }
        return checked;
    }

    /** The installed SMS senders and their options, by sender id. */
    public static Map<String, List<ProviderConfigProperty>> senders(KeycloakSessionFactory factory) {
        Map<String, List<ProviderConfigProperty>> senders = new TreeMap<>();
        factory.getProviderFactoriesStream(SmsSender.class).forEach(sender -> senders.put(sender.getId(), options(sender)));
        return senders;
    }

    /** Whether an option holds a secret (shown only as "set", a vault reference advised). */
    public static boolean secret(ProviderConfigProperty option) {
        return option.isSecret() || ProviderConfigProperty.PASSWORD.equals(option.getType());
    }

    private static String smsSetting(KeycloakSessionFactory factory, String key, String value) {
        if (ChannelSettingsStore.SENDER.equals(key)) {
            if (!senders(factory).containsKey(value)) {
                throw new IllegalArgumentException("Setting 'sender' must name an installed SMS sender: "
                    + String.join(", ", senders(factory).keySet()));
            }
            return value;
        }
        if (ChannelSettingsStore.DEFAULT_REGION.equals(key)) {
            String region = value.toUpperCase(Locale.ROOT);
            if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("Setting 'default-region' must be a two-letter country code such as DE or US");
            }
            return region;
        }
        int dot = key.indexOf('.');
        Map<String, List<ProviderConfigProperty>> senders = senders(factory);
        List<ProviderConfigProperty> options = dot > 0 ? senders.get(key.substring(0, dot)) : null;
        String optionName = dot > 0 ? key.substring(dot + 1) : "";
        if (options == null || options.stream().noneMatch(option -> option.getName().equals(optionName))) {
            throw new IllegalArgumentException("Unknown setting '" + printable(key) + "' for SMS codes: a code setting, "
                + "'sender', 'default-region' or '<sender>.<option>' of an installed sender");
        }
        if (SenderSettings.serverVaultReferences(factory).contains(value)) {
            throw new IllegalArgumentException("Setting '" + key + "' names a vault entry that the server's own SMS sender "
                + "settings use; a realm's sender settings may not use the server's secrets");
        }
        return value;
    }

    private static Optional<CodeSetting> codeSetting(String key) {
        for (CodeSetting setting : CodeSetting.values()) {
            if (setting.key().equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    private static List<ProviderConfigProperty> options(ProviderFactory<?> sender) {
        List<ProviderConfigProperty> options = sender.getConfigMetadata();
        return options == null ? List.of() : options;
    }

    /** A setting's name as it may appear in an error: printable ASCII, at most 60 characters. */
    public static String printable(String key) {
        String cleaned = key.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) + "…" : cleaned;
    }
}
