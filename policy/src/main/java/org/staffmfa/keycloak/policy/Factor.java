package org.staffmfa.keycloak.policy;

import java.util.Locale;
import java.util.Optional;

/** The second factors a policy can allow. The order is the order in which they are offered. */
public enum Factor {

    /** Authenticator app: TOTP or HOTP. */
    TOTP("totp"),
    /** Security key or platform authenticator. */
    WEBAUTHN("webauthn"),
    /** One-time code sent by SMS. */
    SMS("sms"),
    /** One-time code sent by email. */
    EMAIL("email"),
    /** Single-use recovery codes. */
    RECOVERY_CODES("recovery-codes");

    private final String id;

    Factor(String id) {
        this.id = id;
    }

    /** The value written in attributes, events and forms. */
    public String id() {
        return id;
    }

    public static Optional<Factor> fromId(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Factor factor : values()) {
            if (factor.id.equals(wanted)) {
                return Optional.of(factor);
            }
        }
        return Optional.empty();
    }
}
