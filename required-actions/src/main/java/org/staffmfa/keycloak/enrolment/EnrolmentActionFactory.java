package org.staffmfa.keycloak.enrolment;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.staffmfa.keycloak.codes.Channel;
import org.staffmfa.keycloak.codes.CodeDelivery;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.mfa.StaffMfaIds;
import org.staffmfa.keycloak.policy.UserPolicies;

/** Registers "Staff MFA: enrol a second factor". It must be enabled in the realm, or the gate refuses logins. */
public final class EnrolmentActionFactory implements RequiredActionFactory {

    private final EnrolmentAction action = new EnrolmentAction(new UserPolicies(), FactorCatalog.standard(), List.of(
        new TotpEnrolmentStep(),
        new WebAuthnEnrolmentStep(),
        new RecoveryCodesEnrolmentStep(),
        new ContactEnrolmentStep(Channel.SMS, new CodeDelivery()),
        new ContactEnrolmentStep(Channel.EMAIL, new CodeDelivery())));

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
