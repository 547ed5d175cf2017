package org.staffmfa.keycloak.gate;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.staffmfa.keycloak.codes.Channel;
import org.staffmfa.keycloak.codes.CodeDelivery;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.mfa.StaffMfaIds;
import org.staffmfa.keycloak.policy.UserPolicies;

/** Registers the gate ("Staff MFA: group policy gate"). Stateless, so one instance serves every request. */
public final class StaffMfaGateFactory implements AuthenticatorFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.DISABLED};

    private final StaffMfaGate gate = new StaffMfaGate(new UserPolicies(), FactorCatalog.standard(), List.of(
        new TotpChallenge(),
        new WebAuthnChallenge(),
        new RecoveryCodeChallenge(),
        new CodeChallenge(Channel.SMS, new CodeDelivery()),
        new CodeChallenge(Channel.EMAIL, new CodeDelivery())));

    @Override
    public String getId() {
        return StaffMfaIds.GATE;
    }

    @Override
    public String getDisplayType() {
        return "Staff MFA: group policy gate";
    }

    @Override
    public String getHelpText() {
        return "Asks for the second factor the user's groups allow (attributes staff-mfa.mode, staff-mfa.factors, "
            + "staff-mfa.recheck-interval), or sends the user to enrolment. Put it as REQUIRED right after the "
            + "password step.";
    }

    /**
     * {@code otp}: failures must count in Keycloak's brute-force protection, which ignores categories other than
     * password, otp and recovery codes.
     */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return gate;
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
