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
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.mfa.StaffMfaIds;
import org.staffmfa.keycloak.policy.UserPolicies;

/** Registers "Staff MFA: direct grant gate" for the direct grant (password grant) flow. */
public final class DirectGrantGateFactory implements AuthenticatorFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED,
        AuthenticationExecutionModel.Requirement.DISABLED};

    private final DirectGrantGate gate = new DirectGrantGate(new UserPolicies(), FactorCatalog.standard());

    @Override
    public String getId() {
        return StaffMfaIds.DIRECT_GRANT_GATE;
    }

    @Override
    public String getDisplayType() {
        return "Staff MFA: direct grant gate";
    }

    @Override
    public String getHelpText() {
        return "Applies the users' group MFA policy to the password grant: users who need a second factor send the "
            + "code in the 'otp' parameter, unless the client or user is exempt. Put it as REQUIRED after "
            + "'Password' in the direct grant flow.";
    }

    /** {@code otp}, so that wrong codes count in brute-force protection. */
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
