package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The realm-wide values: the mode, factors, interval and remember setting of users whom no group gives a mode, the
 * same of MFA groups whose tree sets none, and the cap on every interval.
 */
public record PolicyDefaults(MfaMode mode, Set<Factor> factors, Duration recheckInterval, RememberBrowser remember,
                             Duration maxRecheckInterval) {

    /** Realm cap on intervals unless the realm sets another. */
    public static final Duration DEFAULT_MAX_RECHECK_INTERVAL = Duration.ofDays(30);

    /** When the realm sets nothing: MFA off, every factor allowed, ask at every login, offer to remember, 30-day cap. */
    public static final PolicyDefaults BUILT_IN = new PolicyDefaults(MfaMode.OFF, EnumSet.allOf(Factor.class),
        Duration.ZERO, RememberBrowser.OFFER, DEFAULT_MAX_RECHECK_INTERVAL);

    public PolicyDefaults {
        factors = factors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(factors));
    }
}
