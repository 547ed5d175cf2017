package org.staffmfa.keycloak.benchmark;

import java.util.HashSet;
import java.util.Set;

/** One benchmark user: credentials, and the TOTP time steps already used (Keycloak accepts each code once). */
final class BenchUser {

    final String username;
    final String password;
    final byte[] totpSecret;
    final String email;
    /** The remember cookie (name=value) of variant D, set in the warm-up. */
    volatile String rememberCookie;
    private final Set<Long> usedSteps = new HashSet<>();

    BenchUser(String username, String password, byte[] totpSecret, String email) {
        this.username = username;
        this.password = password;
        this.totpSecret = totpSecret;
        this.email = email;
    }

    /**
     * A code of the current or the next 30-s step (both accepted by Keycloak's OTP form and the extension, which look
     * one step around) that this user has not used yet; null when both are spent. Not the previous step: near a step
     * boundary it would be two steps old when the server checks it.
     */
    synchronized String unusedCode() {
        long now = Totp.currentStep();
        usedSteps.removeIf(step -> step < now);
        for (long step = now; step <= now + 1; step++) {
            if (usedSteps.add(step)) {
                return Totp.code(totpSecret, step);
            }
        }
        return null;
    }
}
