package org.staffmfa.keycloak.exemption;

import org.keycloak.Config;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;
import org.staffmfa.keycloak.credential.ExtensionKeptCredentialProvider;

/**
 * Registers the credential type that stores user exemptions (kept by the extension only: grants go through
 * {@code /admin/realms/{realm}/staff-mfa/users/{id}/exemptions}; realm files may bring them when a realm is created),
 * and schedules {@link ExemptionMaintenance}: every
 * {@value #SWEEP_OPTION} seconds (server option {@code --spi-credential--staff-mfa-exemption--session-sweep-seconds},
 * default {@value #DEFAULT_SWEEP_SECONDS}) one node ends the sessions of exemptions that expired.
 */
public final class ExemptionCredentialProviderFactory implements CredentialProviderFactory<ExtensionKeptCredentialProvider> {

    static final String SWEEP_OPTION = "session-sweep-seconds";
    static final long DEFAULT_SWEEP_SECONDS = 60;
    private static final String TASK_NAME = "staff-mfa-exemption-sessions";

    private long sweepSeconds = DEFAULT_SWEEP_SECONDS;

    @Override
    public String getId() {
        return UserExemptions.CREDENTIAL_TYPE;
    }

    @Override
    public ExtensionKeptCredentialProvider create(KeycloakSession session) {
        return new ExtensionKeptCredentialProvider(session, UserExemptions.CREDENTIAL_TYPE, "staffMfaExemption",
            ExtensionKeptCredentialProvider.FromApi.REFUSED);
    }

    @Override
    public void init(Config.Scope config) {
        sweepSeconds = Math.max(1, config.getLong(SWEEP_OPTION, DEFAULT_SWEEP_SECONDS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
            .scheduleTask(new ExemptionMaintenance(sweepSeconds), sweepSeconds * 1000, TASK_NAME));
    }
}
