package org.staffmfa.keycloak.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The MFA policy of a Keycloak user: reads the user's groups and their ancestors (never the rest of the realm's
 * groups) and the realm defaults. Configuration errors are logged at most once an hour across the cluster.
 */
public final class UserPolicies {

    private static final Logger LOG = Logger.getLogger(UserPolicies.class);
    private static final long PROBLEM_LOG_INTERVAL_SECONDS = 3600;

    private final PolicyResolver resolver = new PolicyResolver();

    public EffectivePolicy forUser(KeycloakSession session, RealmModel realm, UserModel user) {
        List<PolicyGroup> memberships = user.getGroupsStream()
            .<PolicyGroup>map(GroupModelPolicyGroup::new)
            .toList();
        EffectivePolicy policy = resolver.resolve(name -> Optional.ofNullable(realm.getAttribute(name)), memberships);
        policy.problems().forEach(problem -> reportOnce(session, realm, problem));
        return policy;
    }

    private static void reportOnce(KeycloakSession session, RealmModel realm, ConfigProblem problem) {
        String key = "staff-mfa.config-problem." + realm.getId() + "." + sha256(problem.describe());
        if (session.singleUseObjects().putIfAbsent(key, PROBLEM_LOG_INTERVAL_SECONDS)) {
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
