package org.staffmfa.keycloak.sms;

import java.util.Optional;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A sender's settings for the realm at hand: realm attribute {@code staff-mfa.sms.<sender>.<option>} first (so each
 * library in a shared Keycloak can use its own gateway account), then the server option
 * {@code --spi-mfa-sms-sender--<sender>--<option>}. Values of the form {@code ${vault.key}} are read from Keycloak's
 * vault, so secrets stay out of realm exports and command lines.
 */
public final class SenderSettings {

    public static final String REALM_ATTRIBUTE_PREFIX = "staff-mfa.sms.";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Config.Scope server;
    private final String senderId;

    public SenderSettings(KeycloakSession session, Config.Scope server, String senderId) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.server = server;
        this.senderId = senderId;
    }

    public Optional<String> get(String option) {
        String value = realm == null ? null : realm.getAttribute(REALM_ATTRIBUTE_PREFIX + senderId + "." + option);
        if (value == null || value.isBlank()) {
            value = server.get(option);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return session.vault().getStringSecret(value.trim()).get();
    }

    public String get(String option, String defaultValue) {
        return get(option).orElse(defaultValue);
    }

    /** A setting without which the sender cannot work; its absence is a sending failure the admin sees in events. */
    public String require(String option) throws SmsSendException {
        return get(option).orElseThrow(() -> new SmsSendException("Setting '" + option + "' of SMS sender '" + senderId
            + "' is missing (realm attribute " + REALM_ATTRIBUTE_PREFIX + senderId + "." + option
            + " or server option --spi-" + SmsSenderSpi.NAME + "--" + senderId + "--" + option + ")"));
    }
}
