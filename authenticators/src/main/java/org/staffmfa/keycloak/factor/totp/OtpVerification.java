package org.staffmfa.keycloak.factor.totp;

import java.util.Optional;

/** Result of checking a code against a user's authenticator-app credentials. */
public record OtpVerification(Outcome outcome, Optional<String> credentialId, Optional<String> missingKey) {

    private OtpVerification(Outcome outcome, Optional<String> credentialId) {
        this(outcome, credentialId, Optional.empty());
    }

    public enum Outcome {
        /** The code is right and had not been used. */
        VALID,
        /** No credential produced this code in the window (or the input is not a code at all). */
        WRONG,
        /** The code is right but was used before: a replay. */
        REUSED,
        /** No readable credential matched, and one could not be read (its key is not configured here). */
        UNREADABLE
    }

    static OtpVerification valid(String credentialId) {
        return new OtpVerification(Outcome.VALID, Optional.of(credentialId));
    }

    static OtpVerification wrong() {
        return new OtpVerification(Outcome.WRONG, Optional.empty());
    }

    static OtpVerification reused(String credentialId) {
        return new OtpVerification(Outcome.REUSED, Optional.of(credentialId));
    }

    /** @param keyId the key the unreadable secret names */
    static OtpVerification unreadable(String keyId) {
        return new OtpVerification(Outcome.UNREADABLE, Optional.empty(), Optional.of(keyId));
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }
}
