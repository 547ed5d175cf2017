package org.staffmfa.keycloak.realmpolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;

/** Logs a configuration error at most once an hour across the cluster (through the single-use object store). */
public final class ConfigProblemLog {

    private static final Logger LOG = Logger.getLogger(ConfigProblemLog.class);
    private static final long INTERVAL_SECONDS = 3600;

    private ConfigProblemLog() {
    }

    public static void reportOnce(KeycloakSession session, RealmModel realm, ConfigProblem problem) {
        if (SingleUseMarks.takeFirst(session, Purpose.CONFIG_PROBLEM, realm, INTERVAL_SECONDS, sha256(problem.describe()))) {
            LOG.warnf("Staff MFA configuration error in realm '%s': %s", realm.getName(), problem.describe());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
