package org.staffmfa.keycloak.factor.totp;

import java.util.Optional;

/** Result of checking a code against a user's authenticator-app credentials. */
public record OtpVerification(Outcome outcome, Optional<String> credentialId) {

    public enum Outcome {
        /** The code is right and had not been used. */
        VALID,
        /** No credential produced this code in the window (or the input is not a code at all). */
        WRONG,
        /** The code is right but was used before: a replay. */
        REUSED
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

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }
}
