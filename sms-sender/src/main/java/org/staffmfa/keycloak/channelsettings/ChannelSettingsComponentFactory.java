package org.staffmfa.keycloak.channelsettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Describes the stored code settings to Keycloak and has it check every write ({@link ChannelSettingsRules}), whether
 * through the MFA admin API or a realm import. On Keycloak 26.7 and later the component is internal: the generic
 * component endpoint neither lists nor changes it, so the MFA admin API (with its roles and audit) is the way in.
 */
public final class ChannelSettingsComponentFactory implements ComponentFactory<ChannelSettingsProvider, ChannelSettingsProvider> {

    public static final String ID = "staff-mfa-code-channel";

    private KeycloakSessionFactory sessionFactory;

    @Override
    public ChannelSettingsProvider create(KeycloakSession session, ComponentModel model) {
        return new ChannelSettingsProvider() {
        };
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
        throws ComponentValidationException {
        boolean another = realm.getComponentsStream(realm.getId(), ChannelSettingsProvider.class.getName())
            .anyMatch(other -> other.getSubType() != null && other.getSubType().equals(model.getSubType())
                && !other.getId().equals(model.getId()));
        if (another) {
            throw new ComponentValidationException("The realm keeps its " + model.getSubType() + " code settings already; "
                + "change them through the MFA admin API");
        }
        if (model.getParentId() != null && !realm.getId().equals(model.getParentId())) {
            throw new ComponentValidationException("Code settings belong to the realm itself (parentId = the realm's id)");
        }
        Map<String, String> settings = new java.util.HashMap<>();
        model.getConfig().forEach((key, values) -> {
            if (values != null && values.size() > 1) {
                throw new ComponentValidationException("Setting '" + key + "' takes one value");
            }
            settings.put(key, values == null || values.isEmpty() ? null : values.get(0));
        });
        try {
            ChannelSettingsRules.check(session.getKeycloakSessionFactory(), model.getSubType(), settings);
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    /** Keycloak 26.7's marker (an override there, a plain method before): not for the generic component endpoint. */
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getHelpText() {
        return "Staff MFA: a realm's email or SMS code settings; change them through the MFA admin API";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        for (CodeSetting setting : CodeSetting.values()) {
            properties.add(property(setting.key(), ProviderConfigProperty.STRING_TYPE, setting.bounds()));
        }
        properties.add(property(ChannelSettingsStore.SENDER, ProviderConfigProperty.STRING_TYPE, "SMS sender id"));
        properties.add(property(ChannelSettingsStore.DEFAULT_REGION, ProviderConfigProperty.STRING_TYPE,
            "Country of phone numbers typed without +"));
        if (sessionFactory != null) {
            ChannelSettingsRules.senders(sessionFactory).forEach((sender, options) -> options.forEach(option -> {
                ProviderConfigProperty property = property(sender + "." + option.getName(), option.getType(), option.getHelpText());
                property.setSecret(ChannelSettingsRules.secret(option));
                properties.add(property);
            }));
        }
        return properties;
    }

    private static ProviderConfigProperty property(String name, String type, String help) {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(name);
        property.setLabel(name);
        property.setType(type);
        property.setHelpText(help);
        return property;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
