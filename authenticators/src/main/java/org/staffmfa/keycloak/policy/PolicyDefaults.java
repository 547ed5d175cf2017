package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The realm-wide values: the mode, factors and interval of users whom no group gives a mode, and the factors and
 * interval of MFA groups whose tree sets none.
 */
public record PolicyDefaults(MfaMode mode, Set<Factor> factors, Duration recheckInterval) {

    /** When the realm sets nothing: MFA off, every factor allowed, ask at every login. */
    public static final PolicyDefaults BUILT_IN = new PolicyDefaults(MfaMode.OFF, EnumSet.allOf(Factor.class), Duration.ZERO);

    public PolicyDefaults {
        factors = factors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(factors));
    }
}
