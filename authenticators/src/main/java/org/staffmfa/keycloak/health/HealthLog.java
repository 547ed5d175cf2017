package org.staffmfa.keycloak.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.events.LogText;
import org.staffmfa.keycloak.realmpolicy.StoredModes;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;

/**
 * Writes the health check's findings to the server log, for every realm that uses MFA, so that a site's log
 * aggregation sees a hole without anyone opening the admin API: all of them at start, and again whenever they change
 * ({@link HealthLogTask}). What was logged last is kept cluster-wide as a fingerprint, so that two nodes log one
 * change once. Realms that use no MFA (the master realm, usually) are left out: every finding would be noise there.
 */
public final class HealthLog {

    private static final Logger LOG = Logger.getLogger(HealthLog.class);
    /** How long the fingerprint of the last logged findings is kept; after that an unchanged set is logged again. */
    private static final long FINGERPRINT_SECONDS = 30L * 24 * 3600;

    private HealthLog() {
    }

    public static void atStart(KeycloakSession session, RealmModel realm) {
        if (!StoredModes.mfaInUse(realm)) {
            return;
        }
        check(session, realm).ifPresent(findings -> {
            write(realm, findings, "");
            remember(session, realm, findings);
        });
    }

    /** Logs the realm's findings if they differ from those logged last (anywhere in the cluster). */
    public static void ifChanged(KeycloakSession session, RealmModel realm) {
        if (!StoredModes.mfaInUse(realm)) {
            return;
        }
        check(session, realm).ifPresent(findings -> {
            String fingerprint = fingerprint(findings);
            if (SingleUseMarks.kept(session, Purpose.HEALTH_LOGGED, realm).filter(fingerprint::equals).isPresent()) {
                return;
            }
            write(realm, findings, "changed: ");
            remember(session, realm, findings);
        });
    }

    private static Optional<List<Finding>> check(KeycloakSession session, RealmModel realm) {
        // Identity providers are read through the session's realm, which a background job has not set.
        RealmModel before = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            // Counts only: the log is read by more people than may see the realm's users.
            return Optional.of(RealmHealthCheck.run(session, realm, false));
        } catch (RuntimeException | StackOverflowError e) {
            // A check that fails must not keep Keycloak from starting, nor stop the checks of other realms.
            LOG.warnf(e, "Staff MFA set-up of realm '%s' could not be checked", LogText.oneLine(realm.getName()));
            return Optional.empty();
        } finally {
            session.getContext().setRealm(before);
        }
    }

    private static void write(RealmModel realm, List<Finding> findings, String change) {
        for (Finding finding : findings) {
            LOG.warnf("Staff MFA set-up of realm '%s': %s%s %s (%s): %s Fix: %s", LogText.oneLine(realm.getName()), change,
                finding.severity().json(), finding.id(), LogText.oneLine(finding.subject()), LogText.oneLine(finding.problem()),
                LogText.oneLine(finding.fix()));
        }
        if (findings.isEmpty()) {
            LOG.infof("Staff MFA set-up of realm '%s': %sno finding", LogText.oneLine(realm.getName()), change);
        }
    }

    private static void remember(KeycloakSession session, RealmModel realm, List<Finding> findings) {
        SingleUseMarks.keep(session, Purpose.HEALTH_LOGGED, realm, FINGERPRINT_SECONDS, fingerprint(findings));
    }

    /** What identifies a set of findings: their ids, subjects and problems (a changed count changes the problem). */
    static String fingerprint(List<Finding> findings) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Finding finding : findings) {
                digest.update((finding.id() + '\n' + finding.subject() + '\n' + finding.problem() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
