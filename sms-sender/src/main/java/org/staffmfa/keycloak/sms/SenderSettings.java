package org.staffmfa.keycloak.sms;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.staffmfa.keycloak.channelsettings.ChannelSettingsStore;

/**
 * A sender's settings for the realm at hand, as one whole set: a realm that sets any option of the sender in its SMS
 * settings ({@code <sender>.<option>}, see {@link ChannelSettingsStore}) uses only its own options, so that each library in a shared
 * Keycloak can bring its own gateway account; a realm that sets none uses only the server's options
 * ({@code --spi-mfa-sms-sender--<sender>--<option>}). The two are never mixed: the server's credentials never travel
 * to a URL a realm administrator chose. Values of the form {@code ${vault.key}} are read from Keycloak's vault, so
 * secrets stay out of realm exports and command lines. Vault entries are per realm, so a server-wide sender's secret
 * is an entry every realm that uses it can name: a realm's own settings may therefore not name a vault entry that any
 * server-wide sender option names.
 */
public final class SenderSettings {

    private static final Logger LOG = Logger.getLogger(SenderSettings.class);
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}]+}");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Config.Scope server;
    private final String senderId;
    private final Map<String, String> realmOptions;
    private final boolean realmSet;

    public SenderSettings(KeycloakSession session, Config.Scope server, String senderId) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.server = server;
        this.senderId = senderId;
        this.realmOptions = realmOptions(realm, senderId);
        this.realmSet = !realmOptions.isEmpty();
    }

    /** The realm's own options of this sender, by option name (from the realm's stored SMS settings). */
    private static Map<String, String> realmOptions(RealmModel realm, String senderId) {
        if (realm == null) {
            return Map.of();
        }
        String prefix = senderId + ".";
        Map<String, String> options = new HashMap<>();
        ChannelSettingsStore.read(realm, ChannelSettingsStore.SMS).forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                options.put(key.substring(prefix.length()), value);
            }
        });
        return options;
    }

    /** Whether the realm brings its own set of this sender's settings (and the server's are not used). */
    public boolean realmSet() {
        return realmSet;
    }

    public Optional<String> get(String option) {
        String value = realmSet ? realmOptions.get(option) : server.get(option);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (realmSet && serverVaultReferences(session.getKeycloakSessionFactory()).contains(value.trim())) {
            LOG.warnf("Staff MFA: realm %s names in its SMS code setting %s.%s a vault entry that the server's own SMS "
                + "sender settings use; ignored (a realm's sender settings may not use the server's secrets)",
                realm.getName(), senderId, option);
            return Optional.empty();
        }
        return session.vault().getStringSecret(value.trim()).get();
    }

    /** Every {@code ${vault.…}} reference among the server options of every installed SMS sender. */
    public static Set<String> serverVaultReferences(KeycloakSessionFactory sessionFactory) {
        Set<String> references = new HashSet<>();
        sessionFactory.getProviderFactoriesStream(SmsSender.class)
            .forEach(factory -> {
                Config.Scope scope = Config.scope(SmsSenderSpi.NAME, factory.getId());
                List<ProviderConfigProperty> options = factory.getConfigMetadata();
                for (ProviderConfigProperty option : options == null ? List.<ProviderConfigProperty>of() : options) {
                    String value = scope.get(option.getName());
                    if (value != null && VAULT_REFERENCE.matcher(value.trim()).matches()) {
                        references.add(value.trim());
                    }
                }
            });
        return references;
    }

    public String get(String option, String defaultValue) {
        return get(option).orElse(defaultValue);
    }

    /** A setting without which the sender cannot work; its absence is a sending failure the admin sees in the log. */
    public String require(String option) throws SmsSendException {
        return get(option).orElseThrow(() -> new SmsSettingMissingException("Setting '" + option + "' of SMS sender '"
            + senderId + "' is missing: " + (realmSet
                ? "the realm sets its own options for this sender (SMS code settings " + senderId + ".*), so it must "
                    + "set " + senderId + "." + option + " too; the server's options are not used for it"
                : "server option --spi-" + SmsSenderSpi.NAME + "--" + senderId + "--" + option
                    + ", or a whole set of the realm's own in its SMS code settings (" + senderId + ".*)")));
    }
}
