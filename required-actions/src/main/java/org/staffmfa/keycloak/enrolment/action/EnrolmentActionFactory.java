package org.staffmfa.keycloak.enrolment.action;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;

/** Registers "Staff MFA: enrol a second factor". It must be enabled in the realm, or the gate refuses logins. */
public final class EnrolmentActionFactory implements RequiredActionFactory {

    private final EnrolmentAction action = new EnrolmentAction(new UserPolicies(), BuiltInFactors.catalog(),
        BuiltInFactors.enrolmentSteps());

    @Override
    public String getId() {
        return StaffMfaIds.ENROL_ACTION;
    }

    @Override
    public String getDisplayText() {
        return "Staff MFA: enrol a second factor";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return action;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return EnrolmentConfigProperties.all();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        EnrolmentConfigProperties.validate(getId(), model);
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
}
