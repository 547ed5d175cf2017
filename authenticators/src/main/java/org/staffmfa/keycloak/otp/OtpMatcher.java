package org.staffmfa.keycloak.otp;

import java.util.OptionalLong;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

/**
 * Finds the counter (HOTP) or time step (TOTP) whose code equals the input, within a window. All candidates are
 * computed, so the time taken does not tell which one matched.
 */
public final class OtpMatcher {

    private OtpMatcher() {
    }

    /** HOTP: counters {@code next} to {@code next + lookAhead}. */
    public static OptionalLong matchCounter(String code, byte[] key, OtpAlgorithm algorithm, int digits,
                                            long next, int lookAhead) {
        return match(code, key, algorithm, digits, next, next + lookAhead);
    }

    /** TOTP: time steps {@code lookAround} before to {@code lookAround} after the current one. */
    public static OptionalLong matchTimeStep(String code, byte[] key, OtpAlgorithm algorithm, int digits,
                                             long epochSeconds, int periodSeconds, int lookAround) {
        long current = timeStep(epochSeconds, periodSeconds);
        return match(code, key, algorithm, digits, current - lookAround, current + lookAround);
    }

    public static long timeStep(long epochSeconds, int periodSeconds) {
        return Math.floorDiv(epochSeconds, periodSeconds);
    }

    private static OptionalLong match(String code, byte[] key, OtpAlgorithm algorithm, int digits, long from, long to) {
        if (!CodeFormat.isWellFormed(code, digits)) {
            return OptionalLong.empty();
        }
        OptionalLong found = OptionalLong.empty();
        for (long candidate = Math.max(0, from); candidate <= to; candidate++) {
            if (Hotp.sameCode(Hotp.code(key, candidate, algorithm, digits), code) && found.isEmpty()) {
                found = OptionalLong.of(candidate);
            }
        }
        return found;
    }
}
