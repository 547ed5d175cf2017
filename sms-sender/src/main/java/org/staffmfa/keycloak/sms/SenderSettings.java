package org.staffmfa.keycloak.sms;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * A sender's settings for the realm at hand, as one whole set: a realm that sets any option of the sender as a realm
 * attribute ({@code staff-mfa.sms.<sender>.<option>}) uses only its own options, so that each library in a shared
 * Keycloak can bring its own gateway account; a realm that sets none uses only the server's options
 * ({@code --spi-mfa-sms-sender--<sender>--<option>}). The two are never mixed: the server's credentials never travel
 * to a URL a realm administrator chose. Values of the form {@code ${vault.key}} are read from Keycloak's vault, so
 * secrets stay out of realm exports and command lines. Vault entries are per realm, so a server-wide sender's secret
 * is an entry every realm that uses it can name: a realm's own settings may therefore not name a vault entry that any
 * server-wide sender option names.
 */
public final class SenderSettings {

    public static final String REALM_ATTRIBUTE_PREFIX = "staff-mfa.sms.";
    private static final Logger LOG = Logger.getLogger(SenderSettings.class);
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}]+}");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Config.Scope server;
    private final String senderId;
    private final boolean realmSet;

    public SenderSettings(KeycloakSession session, Config.Scope server, String senderId) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.server = server;
        this.senderId = senderId;
        this.realmSet = realm != null && realm.getAttributes().entrySet().stream()
            .anyMatch(attribute -> attribute.getKey().startsWith(realmPrefix())
                && attribute.getValue() != null && !attribute.getValue().isBlank());
    }

    /** Whether the realm brings its own set of this sender's settings (and the server's are not used). */
    public boolean realmSet() {
        return realmSet;
    }

    public Optional<String> get(String option) {
        String value = realmSet ? realm.getAttribute(realmPrefix() + option) : server.get(option);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (realmSet && serverVaultReferences(session).contains(value.trim())) {
            LOG.warnf("Staff MFA: realm %s names in %s%s a vault entry that the server's own SMS sender settings use; "
                + "ignored (a realm's sender settings may not use the server's secrets)", realm.getName(), realmPrefix(), option);
            return Optional.empty();
        }
        return session.vault().getStringSecret(value.trim()).get();
    }

    /** Every {@code ${vault.…}} reference among the server options of every installed SMS sender. */
    private static Set<String> serverVaultReferences(KeycloakSession session) {
        Set<String> references = new HashSet<>();
        session.getKeycloakSessionFactory().getProviderFactoriesStream(SmsSender.class)
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
                ? "the realm sets its own options for this sender (realm attributes " + realmPrefix() + "*), so it must "
                    + "set " + realmPrefix() + option + " too; the server's options are not used for it"
                : "server option --spi-" + SmsSenderSpi.NAME + "--" + senderId + "--" + option
                    + ", or a whole set of realm attributes " + realmPrefix() + "*")));
    }

    private String realmPrefix() {
        return REALM_ATTRIBUTE_PREFIX + senderId + ".";
    }
}
