package org.staffmfa.keycloak.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.enrolment.EnrolmentDeadlines;
import org.staffmfa.keycloak.exemption.ClientExemptions;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.session.SelfServiceSettings;
import org.staffmfa.keycloak.store.MfaSettingsProvider;
import org.staffmfa.keycloak.store.MfaSettingsProviderFactory;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * Tells Keycloak which settings the settings store's sections hold ({@link RealmSettingsStore}), so that realm exports
 * (which keep only declared settings) carry them, and checks every write, whoever makes it (the extension, a realm
 * import, the generic component endpoint of Keycloak before 26.7): each section holds only its own kind of settings,
 * one value each, within size. On Keycloak 26.7 and later the component is internal: only the MFA admin API changes it.
 */
public final class MfaSettingsComponentFactory implements MfaSettingsProviderFactory {

    /** Longest value: a client exemption's JSON with its 500-character reason fits several times. */
    static final int MAX_VALUE_LENGTH = 4_000;

    /** The realm's own settings, by name. */
    static final Set<String> REALM_SETTINGS = Set.of(PolicyAttributes.DEFAULT_MODE, PolicyAttributes.DEFAULT_FACTORS,
        PolicyAttributes.DEFAULT_RECHECK_INTERVAL, PolicyAttributes.DEFAULT_REMEMBER_BROWSER,
        PolicyAttributes.MAX_RECHECK_INTERVAL, PolicyAttributes.DISABLED_FACTORS, EmergencySwitches.SUSPENDED_AT,
        EmergencySwitches.SUSPENDED_UNTIL, EmergencySwitches.SUSPENDED_BY, EmergencySwitches.SUSPENSION_REASON,
        SelfServiceSettings.FRESH_VERIFICATION, SelfServiceSettings.REMOVAL_REQUIRES_USER_PASSWORD,
        EnrolmentDeadlines.TIME_ZONE, ImportedMfaSettings.MARKER, RealmSettingsStore.STORE_VERSION);

    @Override
    public MfaSettingsProvider create(KeycloakSession session, ComponentModel model) {
        return new MfaSettingsProvider() {
        };
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
        throws ComponentValidationException {
        String section = model.getSubType();
        if (section == null || !RealmSettingsStore.validSection(section)) {
            throw new ComponentValidationException("Unknown settings section");
        }
        if (model.getParentId() != null && !realm.getId().equals(model.getParentId())) {
            throw new ComponentValidationException("MFA settings belong to the realm itself (parentId = the realm's id)");
        }
        boolean another = realm.getComponentsStream(realm.getId(), MfaSettingsProvider.class.getName())
            .anyMatch(other -> section.equals(other.getSubType()) && !other.getId().equals(model.getId()));
        if (another) {
            throw new ComponentValidationException("The realm has this settings section already");
        }
        Set<String> allowed = allowedKeys(section);
        model.getConfig().forEach((key, values) -> {
            if (!allowed.contains(key)) {
                throw new ComponentValidationException("A setting outside its section");
            }
            if (values != null && (values.size() > 1 || values.stream().anyMatch(v -> v != null && v.length() > MAX_VALUE_LENGTH))) {
                throw new ComponentValidationException("A setting takes one value of at most " + MAX_VALUE_LENGTH + " characters");
            }
        });
    }

    private static Set<String> allowedKeys(String section) {
        if (RealmSettingsStore.REALM_SECTION.equals(section)) {
            return REALM_SETTINGS;
        }
        return section.startsWith("group/") ? groupKeys() : Set.of(ClientExemptions.EXEMPTION_KEY);
    }

    /** A group section's keys: the group settings without their {@code staff-mfa.} prefix ({@code mode}). */
    private static Set<String> groupKeys() {
        Set<String> keys = new TreeSet<>();
        GroupPolicyStore.SETTINGS.forEach(setting -> keys.add(setting.substring("staff-mfa.".length())));
        return keys;
    }

    /** Keycloak 26.7's marker (an override there, a plain method before): not for the generic component endpoint. */
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getHelpText() {
        return "Staff MFA: a realm's MFA settings; change them through the MFA admin API";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        Set<String> names = new TreeSet<>(REALM_SETTINGS);
        names.addAll(groupKeys());
        names.add(ClientExemptions.EXEMPTION_KEY);
        List<ProviderConfigProperty> properties = new ArrayList<>();
        for (String name : names) {
            ProviderConfigProperty property = new ProviderConfigProperty();
            property.setName(name);
            property.setLabel(name);
            property.setType(ProviderConfigProperty.STRING_TYPE);
            properties.add(property);
        }
        return properties;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return RealmSettingsStore.FACTORY_ID;
    }
}
