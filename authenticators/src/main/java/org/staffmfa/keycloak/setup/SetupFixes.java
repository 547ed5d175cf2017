package org.staffmfa.keycloak.setup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The health findings that are safe to fix with one click, and how: a way in without the gate or a missing enrolment
 * action by running the set-up for that binding (which always sees to the enrolment action too), brute-force detection
 * off by switching it on with the realm's current settings. Everything else needs a person's decision.
 */
public final class SetupFixes {

    private static final String BRUTE_FORCE_OFF = "brute-force-detection-off";

    private static final Map<String, Set<String>> BINDINGS_BY_FINDING = Map.of(
        "browser-flow-without-gate", Set.of("browser"),
        "direct-grant-flow-without-gate", Set.of("direct-grant"),
        "reset-credentials-flow-without-gate", Set.of("reset-credentials"),
        "identity-provider-without-gate", Set.of("post-broker-login"),
        "enrolment-action-not-registered", Set.of(),
        "enrolment-action-disabled", Set.of(),
        "enrolment-action-not-first", Set.of());

    private SetupFixes() {
    }

    /** The action of the change that switches brute-force detection on (a realm setting, not a flow). */
    public static final String ENABLE_BRUTE_FORCE_DETECTION = "enable-brute-force-detection";

    /** @return what was changed, or empty when the finding is not one this can fix */
    public static Optional<SetupResult> fix(KeycloakSession session, RealmModel realm, String findingId) {
        if (BRUTE_FORCE_OFF.equals(findingId)) {
            if (realm.isBruteForceProtected()) {
                return Optional.of(new SetupResult(List.of(), List.of()));
            }
            // Temporary lockout, whatever was stored: a permanent lockout left over from earlier would let anyone
            // disable accounts by guessing, which is a decision for a person, not for a click.
            realm.setPermanentLockout(false);
            realm.setBruteForceProtected(true);
            return Optional.of(new SetupResult(List.of(new SetupChange(ENABLE_BRUTE_FORCE_DETECTION,
                "switched brute-force detection on with temporary lockout: " + realm.getFailureFactor()
                    + " failures lock an account for " + realm.getWaitIncrementSeconds() + " s at first, at most "
                    + realm.getMaxFailureWaitSeconds() + " s")), List.of()));
        }
        Set<String> bindings = BINDINGS_BY_FINDING.get(findingId);
        return bindings == null ? Optional.empty() : Optional.of(RealmSetup.run(session, realm, bindings, false));
    }
}
