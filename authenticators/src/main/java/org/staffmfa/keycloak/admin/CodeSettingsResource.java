package org.staffmfa.keycloak.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.channelsettings.ChannelSettingsRules;
import org.staffmfa.keycloak.channelsettings.ChannelSettingsStore;
import org.staffmfa.keycloak.channelsettings.CodeSetting;
import org.staffmfa.keycloak.factor.codes.CodeDelivery;

/**
 * {@code /admin/realms/{realm}/staff-mfa/code-settings/{email|sms}}: how email and SMS codes work in the realm (length,
 * validity, resends, attempts, hourly cap) and, for SMS, the sender and its options. Kept as a Keycloak component, not
 * as realm attributes, so a realm update that sends the attribute map without them cannot wipe them. Reading needs MFA
 * view rights, changing {@value MfaAdminRoles#MANAGE_MFA}, and changing where SMS codes go (sender, its options,
 * default region) {@code manage-realm} as well; every change is an admin event. Secret sender options are
 * never returned: they read {@value #SECRET_SET} (send it back to keep the stored value); vault references
 * ({@code ${vault.key}}) are shown as they are.
 */
public final class CodeSettingsResource {

    /** What a stored secret reads as, and what keeps it when sent back (Keycloak's own convention for components). */
    public static final String SECRET_SET = "**********";

    /**
     * One channel's settings; null means the default. {@code defaultRegion}, {@code sender} and {@code senderOptions}
     * (by sender id, then option name) are for SMS only.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CodeChannelSettings(Integer codeLength, Integer codeValidityMinutes, Integer resendIntervalSeconds,
                                      Integer maxResends, Integer maxAttempts, Integer maxMessagesPerHour,
                                      String defaultRegion, String sender, Map<String, Map<String, String>> senderOptions) {
    }

    /**
     * The channel's settings, where they are read from ({@code stored}, {@code realm-attributes}: written by an older
     * version, saved here once to keep them safe, or {@code defaults}), the defaults, and the installed SMS senders.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CodeSettingsView(String channel, String storedIn, CodeChannelSettings settings,
                                   CodeChannelSettings defaults, List<SenderView> senders) {
    }

    public record SenderView(String id, List<OptionView> options) {
    }

    public record OptionView(String name, boolean secret, String help, String defaultValue) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;

    CodeSettingsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    @GET
    @Path("{channel}")
    @Produces(MediaType.APPLICATION_JSON)
    public CodeSettingsView get(@PathParam("channel") String channel) {
        MfaAdminRoles.requireViewOrManageMfa(auth, realm, auth.realm().canViewRealm(), "the realm");
        return view(known(channel));
    }

    @PUT
    @Path("{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CodeSettingsView put(@PathParam("channel") String channel, CodeChannelSettings settings) {
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        String known = known(channel);
        if (settings == null) {
            throw new BadInput("A JSON body is required");
        }
        CodeChannelSettings current = view(known).settings();
        boolean deliveryChanges = !java.util.Objects.equals(settings.sender(), current.sender())
            || !java.util.Objects.equals(settings.defaultRegion(), current.defaultRegion())
            || !java.util.Objects.equals(orEmpty(settings.senderOptions()), orEmpty(current.senderOptions()));
        if (deliveryChanges) {
            // Where codes go and which vault entries a gateway may read: the realm's own administrators decide that,
            // as they did when these were realm attributes, not MFA officers alone.
            auth.realm().requireManageRealm();
        }
        Map<String, String> checked;
        try {
            checked = ChannelSettingsRules.check(session.getKeycloakSessionFactory(), known, flat(known, settings));
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        ChannelSettingsStore.write(realm, known, checked);
        CodeSettingsView stored = view(known);
        events.codeSettings(known, stored.settings());
        return stored;
    }

    private static String known(String channel) {
        if (!ChannelSettingsStore.CHANNELS.contains(channel)) {
            throw new NotFoundException("Unknown channel; known: " + String.join(", ", ChannelSettingsStore.CHANNELS));
        }
        return channel;
    }

    /** The request as stored settings; a secret sent back as {@value #SECRET_SET} keeps the stored one. */
    private Map<String, String> flat(String channel, CodeChannelSettings settings) {
        Map<String, String> flat = new LinkedHashMap<>();
        put(flat, CodeSetting.CODE_LENGTH, settings.codeLength(), 1);
        put(flat, CodeSetting.CODE_VALIDITY, settings.codeValidityMinutes(), 60);
        put(flat, CodeSetting.RESEND_INTERVAL, settings.resendIntervalSeconds(), 1);
        put(flat, CodeSetting.MAX_RESENDS, settings.maxResends(), 1);
        put(flat, CodeSetting.MAX_ATTEMPTS, settings.maxAttempts(), 1);
        put(flat, CodeSetting.MAX_MESSAGES_PER_HOUR, settings.maxMessagesPerHour(), 1);
        boolean smsOnlySet = settings.defaultRegion() != null || settings.sender() != null
            || settings.senderOptions() != null && !settings.senderOptions().isEmpty();
        if (ChannelSettingsStore.EMAIL.equals(channel)) {
            if (smsOnlySet) {
                throw new BadInput("\"defaultRegion\", \"sender\" and \"senderOptions\" are SMS settings");
            }
            return flat;
        }
        flat.put(ChannelSettingsStore.DEFAULT_REGION, settings.defaultRegion());
        flat.put(ChannelSettingsStore.SENDER, settings.sender());
        Map<String, String> current = ChannelSettingsStore.read(realm, channel);
        if (settings.senderOptions() != null) {
            settings.senderOptions().forEach((sender, options) -> {
                if (options == null) {
                    return;
                }
                options.forEach((option, value) -> {
                    String key = sender + "." + option;
                    if (SECRET_SET.equals(value)) {
                        if (!current.containsKey(key)) {
                            throw new BadInput("Sender option '" + ChannelSettingsRules.printable(key)
                                + "' has no stored value to keep; send the new value");
                        }
                        if (addressChanged(sender, options, current)) {
                            throw new BadInput("The gateway's address changes: send the secret '"
                                + ChannelSettingsRules.printable(key) + "' again (a stored secret never goes to a new address)");
                        }
                        flat.put(key, current.get(key));
                    } else {
                        flat.put(key, value);
                    }
                });
            });
        }
        return flat;
    }

    /** Options that say where a sender delivers to. */
    private static final java.util.Set<String> ADDRESS_OPTIONS = java.util.Set.of("url", "base-url", "domain");

    private static boolean addressChanged(String sender, Map<String, String> options, Map<String, String> current) {
        return ADDRESS_OPTIONS.stream().anyMatch(option -> {
            String sent = options.get(option);
            String stored = current.get(sender + "." + option);
            return !java.util.Objects.equals(sent == null || sent.isBlank() ? null : sent.strip(), stored);
        });
    }

    /** Sender options without empty senders, as the view shows them. */
    private static Map<String, Map<String, String>> orEmpty(Map<String, Map<String, String>> options) {
        Map<String, Map<String, String>> cleaned = new TreeMap<>();
        if (options != null) {
            options.forEach((sender, values) -> {
                if (values != null && !values.isEmpty()) {
                    cleaned.put(sender, new TreeMap<>(values));
                }
            });
        }
        return cleaned;
    }

    private static void put(Map<String, String> flat, CodeSetting setting, Integer value, long unitSeconds) {
        if (value != null) {
            flat.put(setting.key(), setting.duration() ? Long.toString(value * unitSeconds) : Integer.toString(value));
        }
    }

    private CodeSettingsView view(String channel) {
        Map<String, String> stored = ChannelSettingsStore.read(realm, channel);
        Map<String, List<ProviderConfigProperty>> senders = ChannelSettingsRules.senders(session.getKeycloakSessionFactory());
        CodeChannelSettings settings = settings(channel, key -> stored.get(key), senderOptions(stored, senders));
        CodeChannelSettings defaults = new CodeChannelSettings(
            (int) CodeSetting.CODE_LENGTH.defaultFor(channel), (int) CodeSetting.CODE_VALIDITY.defaultFor(channel) / 60,
            (int) CodeSetting.RESEND_INTERVAL.defaultFor(channel), (int) CodeSetting.MAX_RESENDS.defaultFor(channel),
            (int) CodeSetting.MAX_ATTEMPTS.defaultFor(channel), (int) CodeSetting.MAX_MESSAGES_PER_HOUR.defaultFor(channel),
            null, ChannelSettingsStore.SMS.equals(channel) ? CodeDelivery.serverSmsSenderId() : null,
            null);
        List<SenderView> senderViews = ChannelSettingsStore.EMAIL.equals(channel) ? List.of()
            : senders.entrySet().stream().map(sender -> new SenderView(sender.getKey(), sender.getValue().stream()
                .map(option -> new OptionView(option.getName(), ChannelSettingsRules.secret(option), option.getHelpText(),
                    option.getDefaultValue() == null ? null : String.valueOf(option.getDefaultValue())))
                .toList())).toList();
        return new CodeSettingsView(channel, ChannelSettingsStore.source(realm, channel).name().toLowerCase().replace('_', '-'),
            settings, defaults, senderViews);
    }

    private static CodeChannelSettings settings(String channel, Function<String, String> stored,
                                                Map<String, Map<String, String>> senderOptions) {
        boolean sms = ChannelSettingsStore.SMS.equals(channel);
        return new CodeChannelSettings(
            number(CodeSetting.CODE_LENGTH, stored, 1), number(CodeSetting.CODE_VALIDITY, stored, 60),
            number(CodeSetting.RESEND_INTERVAL, stored, 1), number(CodeSetting.MAX_RESENDS, stored, 1),
            number(CodeSetting.MAX_ATTEMPTS, stored, 1), number(CodeSetting.MAX_MESSAGES_PER_HOUR, stored, 1),
            sms ? stored.apply(ChannelSettingsStore.DEFAULT_REGION) : null,
            sms ? stored.apply(ChannelSettingsStore.SENDER) : null,
            sms ? senderOptions : null);
    }

    /** A stored number in the API's unit (minutes rounded up); null when unset or unreadable (the default applies). */
    private static Integer number(CodeSetting setting, Function<String, String> stored, long unitSeconds) {
        String text = stored.apply(setting.key());
        return text == null ? null : setting.read(text).map(value -> (int) ((value + unitSeconds - 1) / unitSeconds)).orElse(null);
    }

    /** Sender options by sender, secrets as {@value #SECRET_SET} unless they are vault references. */
    private static Map<String, Map<String, String>> senderOptions(Map<String, String> stored,
                                                                  Map<String, List<ProviderConfigProperty>> senders) {
        Map<String, Map<String, String>> options = new TreeMap<>();
        stored.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot <= 0) {
                return;
            }
            String sender = key.substring(0, dot);
            String option = key.substring(dot + 1);
            boolean secret = senders.getOrDefault(sender, List.of()).stream()
                .noneMatch(known -> known.getName().equals(option) && !ChannelSettingsRules.secret(known));
            boolean vaultReference = value.strip().matches("\\$\\{vault\\.[^}]+}");
            options.computeIfAbsent(sender, s -> new TreeMap<>()).put(option, secret && !vaultReference ? SECRET_SET : value);
        });
        return options;
    }
}
