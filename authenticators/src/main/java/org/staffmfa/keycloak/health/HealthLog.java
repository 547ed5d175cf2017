package org.staffmfa.keycloak.health;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.realmpolicy.StoredModes;

/**
 * Writes the health check's findings to the server log at start, for every realm that uses MFA, so that a site's
 * log aggregation sees a hole without anyone opening the admin API. Realms that use no MFA (the master realm,
 * usually) are left out: every finding would be noise there.
 */
public final class HealthLog {

    private static final Logger LOG = Logger.getLogger(HealthLog.class);

    private HealthLog() {
    }

    public static void atStart(KeycloakSession session, RealmModel realm) {
        if (!StoredModes.mfaInUse(realm)) {
            return;
        }
        // Identity providers are read through the session's realm, which a start-up job has not set.
        RealmModel before = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        List<Finding> findings;
        try {
            findings = RealmHealthCheck.run(session, realm);
        } catch (RuntimeException e) {
            // A check that fails must not keep Keycloak from starting.
            LOG.warnf(e, "Staff MFA set-up of realm '%s' could not be checked", realm.getName());
            return;
        } finally {
            session.getContext().setRealm(before);
        }
        for (Finding finding : findings) {
            LOG.warnf("Staff MFA set-up of realm '%s': %s %s (%s): %s Fix: %s", oneLine(realm.getName()),
                finding.severity().json(), finding.id(), oneLine(finding.subject()), oneLine(finding.problem()),
                oneLine(finding.fix()));
        }
        if (findings.isEmpty()) {
            LOG.infof("Staff MFA set-up of realm '%s': no finding", oneLine(realm.getName()));
        }
    }

    /** Group paths, client ids and flow names are chosen by administrators: no line breaks into the log. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
