package org.staffmfa.keycloak.admin;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.timer.TimerProvider;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.credential.CredentialCreationGuard;
import org.staffmfa.keycloak.exemption.ClientExemptions;
import org.staffmfa.keycloak.exemption.ExemptionMaintenance;
import org.staffmfa.keycloak.health.HealthLog;
import org.staffmfa.keycloak.health.HealthLogTask;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.reminder.EnrolmentReminderTask;
import org.staffmfa.keycloak.secrets.FactorSecrets;
import org.staffmfa.keycloak.secrets.KeyFile;
import org.staffmfa.keycloak.store.RealmSettingsStore;
import org.staffmfa.keycloak.webpages.PageClients;

/** Mounts {@link StaffMfaAdminResource} at {@code /admin/realms/{realm}/staff-mfa}. */
public final class StaffMfaAdminResourceFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider,
    FactorSecrets.Source {

    private static final Logger LOG = Logger.getLogger(StaffMfaAdminResourceFactory.class);

    public static final String ID = "staff-mfa";

    /**
     * How often (seconds) one node looks for changed set-up findings and logs them; 0 turns it off. Server option
     * {@code --spi-admin-realm-restapi-extension--staff-mfa--health-log-seconds}.
     */
    static final String HEALTH_LOG_OPTION = "health-log-seconds";
    static final long DEFAULT_HEALTH_LOG_SECONDS = 300;

    private long healthLogSeconds = DEFAULT_HEALTH_LOG_SECONDS;

    /**
     * How often (seconds) one node sends the enrolment reminder mails that are due; 0 sends none. Server option
     * {@code --spi-admin-realm-restapi-extension--staff-mfa--reminder-seconds}.
     */
    static final String REMINDER_OPTION = "reminder-seconds";
    static final long DEFAULT_REMINDER_SECONDS = 3600;

    private long reminderSeconds = DEFAULT_REMINDER_SECONDS;

    /** The keys that seal second-factor secrets; option {@value KeyFile#OPTION}, unset: not sealed. */
    private KeyFile keyFile;

    @Override
    public KeyFile keyFile() {
        return keyFile;
    }

    /** Every operation first checks the caller's own MFA policy (see {@link StaffMfaAdminResource}). */
    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        CallerSecondFactor callerSecondFactor = new CallerSecondFactor();
        return new StaffMfaAdminResource(session, realm, auth, adminEvent,
            () -> callerSecondFactor.require(session, auth.adminAuth()));
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
        healthLogSeconds = Math.max(0, config.getLong(HEALTH_LOG_OPTION, DEFAULT_HEALTH_LOG_SECONDS));
        reminderSeconds = Math.max(0, config.getLong(REMINDER_OPTION, DEFAULT_REMINDER_SECONDS));
        keyFile = KeyFile.open(config.get(KeyFile.OPTION), Environment.isDevMode());
    }

    /**
     * Makes sure every realm has the MFA admin roles (realms created or imported later, and those present at start),
     * moves MFA settings that came with an imported realm to where they are read and binds its exemptions to their
     * clients, lets a realm being created bring exemptions (nothing else may, see {@link CredentialCreationGuard}), and
     * forgets the settings of deleted groups and clients. At start, logs the set-up's health of each realm that
     * uses MFA, then every {@value #DEFAULT_HEALTH_LOG_SECONDS} seconds (option {@value #HEALTH_LOG_OPTION}) the
     * findings that changed.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (healthLogSeconds > 0) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new HealthLogTask(healthLogSeconds), healthLogSeconds * 1000, HealthLogTask.TASK_NAME));
        }
        if (reminderSeconds > 0) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new EnrolmentReminderTask(reminderSeconds), reminderSeconds * 1000,
                    EnrolmentReminderTask.TASK_NAME));
        }
        factory.register(event -> {
            if (event instanceof RealmModel.RealmCreationEvent creating) {
                CredentialCreationGuard.realmCreationStarted(creating.getKeycloakSession(), creating.getCreatedRealm());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                MfaAdminRoles.ensure(created.getCreatedRealm());
                PageClients.ensure(created.getCreatedRealm());
                ImportedMfaSettings.adopt(created.getCreatedRealm());
                ExemptionMaintenance.bindToClients(created.getKeycloakSession(), created.getCreatedRealm());
                CredentialCreationGuard.realmCreated(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
                GroupPolicyStore.remove(removed.getRealm(), removed.getGroup().getId());
            } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
                ClientExemptions.revoke(removed.getClient().getRealm(), removed.getClient());
            } else if (event instanceof PostMigrationEvent) {
                moveSettingsOutOfRealmAttributes(factory);
                KeycloakModelUtils.runJobInTransaction(factory,
                    session -> {
                        session.realms().getRealmsStream().forEach(realm -> {
                            MfaAdminRoles.ensure(realm);
                            PageClients.ensure(realm);
                            ImportedMfaSettings.adoptOnce(realm);
                        });
                        ExemptionMaintenance.bindToClientsInAllRealms(session);
                    });
                // Its own (read-only) transaction: a failing check must not undo the work above.
                KeycloakModelUtils.runJobInTransaction(factory,
                    session -> session.realms().getRealmsStream().forEach(realm -> HealthLog.atStart(session, realm)));
            }
        });
    }

    /**
     * Realms of an earlier version kept their MFA settings as realm attributes, which a realm update can wipe: move
     * them into the settings store, each realm in its own transaction. Two nodes starting at once collide on the
     * store's derived ids; the loser logs it and reads what the winner wrote.
     */
    private static void moveSettingsOutOfRealmAttributes(KeycloakSessionFactory factory) {
        List<String> realmIds = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory,
            session -> session.realms().getRealmsStream().forEach(realm -> realmIds.add(realm.getId())));
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    int moved = RealmSettingsStore.moveFromAttributes(realm);
                    if (moved >= 0) {
                        LOG.infof("Staff MFA: realm %s: %d MFA settings moved from realm attributes into the settings store",
                            realm.getName(), moved);
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf("Staff MFA: MFA settings of realm %s not moved out of realm attributes here (%s); another node "
                    + "may have done it, else the next change through the MFA admin API does", realmId, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
