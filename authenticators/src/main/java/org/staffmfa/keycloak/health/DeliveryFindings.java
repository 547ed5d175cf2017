package org.staffmfa.keycloak.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.common.util.Environment;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.channelsettings.ChannelSettingsStore;
import org.staffmfa.keycloak.factor.codes.CodeDelivery;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.realmpolicy.StoredModes;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * Factors the policy offers that cannot reach the user, and the realm protections MFA relies on: email codes without
 * an SMTP server, SMS codes that only go to the server log, no brute-force detection.
 */
final class DeliveryFindings {

    private DeliveryFindings() {
    }

    static List<Finding> of(RealmModel realm) {
        List<Finding> findings = new ArrayList<>();
        boolean mfaInUse = StoredModes.mfaInUse(realm);
        Map<String, String> smtp = realm.getSmtpConfig();
        if (mfaInUse && offered(realm, "email") && (smtp == null || blank(smtp.get("host")))) {
            findings.add(Finding.warning("email-without-smtp", realm.getName(),
                "Email codes are allowed, but the realm has no SMTP server: the code never arrives, and users who "
                    + "chose email can only use another factor.",
                "Set the realm's email settings (Realm settings > Email), or remove 'email' from the allowed factors."));
        }
        if (mfaInUse && offered(realm, "sms") && "log".equals(CodeDelivery.smsSenderId(realm)) && !Environment.isDevMode()) {
            findings.add(Finding.warning("sms-to-log-only", realm.getName(),
                "SMS codes are allowed, but the SMS sender is 'log', which sends nothing outside development mode.",
                "Choose a gateway (MFA admin page, Realm settings > SMS codes, or PUT .../staff-mfa/code-settings/sms; "
                    + "docs/factors/sms.md), "
                    + "or remove 'sms' from the allowed factors."));
        }
        for (String channel : ChannelSettingsStore.CHANNELS) {
            if (ChannelSettingsStore.source(realm, channel) == ChannelSettingsStore.Source.REALM_ATTRIBUTES) {
                findings.add(Finding.warning("code-settings-in-realm-attributes", realm.getName(),
                    "The " + channel + " code settings are realm attributes (staff-mfa." + channel + ".*), written before "
                        + "the MFA admin API kept them: a realm update that sends the attribute map without them "
                        + "(a script, an older console) wipes them silently.",
                    "Save them once on the MFA admin page (Realm settings > " + channel.toUpperCase(Locale.ROOT)
                        + " codes) or with PUT .../staff-mfa/code-settings/" + channel + ", which moves them."));
            } else if (!ChannelSettingsStore.legacyAttributes(realm, channel).isEmpty()) {
                findings.add(Finding.warning("code-settings-attributes-ignored", realm.getName(),
                    "Realm attributes staff-mfa." + channel + ".* are set but ignored: the " + channel
                        + " code settings are kept by the MFA admin API.",
                    "Change them on the MFA admin page or with PUT .../staff-mfa/code-settings/" + channel
                        + "; remove the attributes."));
            }
        }
        if (mfaInUse && !realm.isBruteForceProtected()) {
            findings.add(Finding.warning("brute-force-detection-off", realm.getName(),
                "Brute-force detection is off: wrong codes are limited per code (email, SMS) but nothing locks an "
                    + "account after many wrong app or recovery codes.",
                "Turn it on (Realm settings > Security defenses > Brute force detection).").asFixable());
        }
        return findings;
    }

    /**
     * Whether a factor list in use allows the factor: an MFA group's own list, or the realm's default list (every
     * factor when unset) when it applies to someone — the realm's default mode asks for MFA, or an MFA group sets no
     * list of its own. (A subgroup inheriting its parent's list is counted as using the defaults: a warning too many
     * rather than one too few.)
     */
    private static boolean offered(RealmModel realm, String factor) {
        boolean groupOffers = false;
        boolean defaultsApply = StoredModes.realmDefaultAsksForMfa(realm);
        for (String id : GroupPolicyStore.groupIds(realm)) {
            Optional<String> factors = GroupPolicyStore.get(realm, id, PolicyAttributes.FACTORS);
            groupOffers |= factors.map(list -> names(list, factor)).orElse(false);
            defaultsApply |= factors.isEmpty() && StoredModes.groupAsksForMfa(realm, id);
        }
        String defaults = RealmSettingsStore.get(realm, PolicyAttributes.DEFAULT_FACTORS);
        return groupOffers || defaultsApply && (blank(defaults) || names(defaults, factor));
    }

    private static boolean names(String list, String factor) {
        return Stream.of(list.toLowerCase(Locale.ROOT).split("[,\\s]+")).anyMatch(factor::equals);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
